package org.fogledger.ledger.validator.serialization;

import java.io.NotSerializableException;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.StoredEvent;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.validator.ValidatorEvent;
import org.fogledger.ledger.validator.ValidatorEvent.BlockStored;
import org.fogledger.ledger.validator.ValidatorEvent.BlocksCommitted;
import org.fogledger.ledger.validator.ValidatorEvent.SafetyStateSaved;

/**
 * The validator journal's serializer: {@link ValidatorEvent}s in the canonical, versioned encoding of the
 * {@code codec} package, never Kryo, so a journal written today is read by tomorrow's node whatever the library
 * versions. Bound to {@link ValidatorEvent} in {@code reference.conf}.
 *
 * <p><b>Bytes</b> (format version 1) are a {@link StoredEvent} envelope, byte for byte:
 * {@code 01 | kind STORED_EVENT | kind:string | version:u32 | payload:bytes}, with the event's kind and schema
 * version in the bytes themselves (so a journal can be read or migrated without Pekko's manifest). The payload:
 * <ul>
 *   <li>{@value #SAFETY_STATE_KIND} v1: {@code highestVotedRound:u64 | lockedQc | highQc};
 *   <li>{@value #BLOCK_STORED_KIND} v1: {@code block | justify};
 *   <li>{@value #BLOCKS_COMMITTED_KIND} v1: {@code count:u32 | count x (block | certificate)}, in height order;
 * </ul>
 * where a block and a certificate are their own canonical encodings ({@link Block#writeTo},
 * {@link QuorumCertificate#writeTo}), headers included. The envelope is read here rather than with
 * {@link StoredEvent#decode}, whose payload limit (a transaction payload) is far below a block's: the payload may
 * be as long as the bytes given, and every block and certificate inside is checked against {@link CodecLimits}.
 *
 * <p>Decoding is strict: the manifest must name the kind in the bytes, every length is bounded, and trailing bytes
 * anywhere are refused, with a {@link DecodingException} naming the field and offset. An unknown manifest is a
 * {@link NotSerializableException} naming it.
 */
public final class ValidatorEventSerializer extends SerializerWithStringManifest {
    /** This serializer's id in Pekko's envelope; fixed forever. FogLedger's serializers use 7300-7399. */
    public static final int IDENTIFIER = 7302;

    public static final String SAFETY_STATE_MANIFEST = "safety-state-v1";
    public static final String BLOCK_STORED_MANIFEST = "block-stored-v1";
    public static final String BLOCKS_COMMITTED_MANIFEST = "blocks-committed-v1";

    /** The kinds written in the envelope; part of the stored format, never change one. */
    static final String SAFETY_STATE_KIND = "validator.safety-state";
    static final String BLOCK_STORED_KIND = "validator.block-stored";
    static final String BLOCKS_COMMITTED_KIND = "validator.blocks-committed";
    static final int VERSION = 1;

    private final ValidatorCodec codec;

    /** Called by Pekko, once per actor system; limits from the system's {@code fogledger.codec} block. */
    public ValidatorEventSerializer(ExtendedActorSystem system) {
        this(ValidatorCodec.codecLimits(system.settings().config()));
    }

    /** For tests and tools. */
    public ValidatorEventSerializer(CodecLimits limits) {
        this.codec = new ValidatorCodec(limits);
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object event) {
        if (event instanceof SafetyStateSaved) {
            return SAFETY_STATE_MANIFEST;
        }
        if (event instanceof BlockStored) {
            return BLOCK_STORED_MANIFEST;
        }
        if (event instanceof BlocksCommitted) {
            return BLOCKS_COMMITTED_MANIFEST;
        }
        throw new IllegalArgumentException(notAnEvent(event));
    }

    @Override
    public byte[] toBinary(Object event) {
        CanonicalWriter payload = new CanonicalWriter(256);
        String kind;
        if (event instanceof SafetyStateSaved saved) {
            kind = SAFETY_STATE_KIND;
            ValidatorCodec.writeSafetyState(payload, saved.state(), "SafetyStateSaved.state");
        } else if (event instanceof BlockStored stored) {
            kind = BLOCK_STORED_KIND;
            ValidatorCodec.writeChainedBlock(payload, stored.block(), "BlockStored.block");
        } else if (event instanceof BlocksCommitted committed) {
            kind = BLOCKS_COMMITTED_KIND;
            ValidatorCodec.writeCommittedBlocks(payload, committed.blocks());
        } else {
            throw new IllegalArgumentException(notAnEvent(event));
        }
        return ValidatorCodec.envelope(kind, VERSION, payload);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        String expectedKind = switch (manifest) {
            case SAFETY_STATE_MANIFEST -> SAFETY_STATE_KIND;
            case BLOCK_STORED_MANIFEST -> BLOCK_STORED_KIND;
            case BLOCKS_COMMITTED_MANIFEST -> BLOCKS_COMMITTED_KIND;
            default -> throw new NotSerializableException("unknown manifest '" + manifest + "' for "
                    + getClass().getName() + " (identifier " + IDENTIFIER + "); this node reads "
                    + List.of(SAFETY_STATE_MANIFEST, BLOCK_STORED_MANIFEST, BLOCKS_COMMITTED_MANIFEST));
        };
        CanonicalReader payload = codec.openEnvelope(bytes, manifest, expectedKind, VERSION, "event");
        Object event = switch (manifest) {
            case SAFETY_STATE_MANIFEST -> new SafetyStateSaved(codec.readSafetyState(payload, "safetyStateSaved.state"));
            case BLOCK_STORED_MANIFEST -> new BlockStored(codec.readChainedBlock(payload, "blockStored.block"));
            default -> new BlocksCommitted(codec.readCommittedBlocks(payload, "blocksCommitted.blocks"));
        };
        payload.expectEnd("event.payload");
        return event;
    }

    private String notAnEvent(Object event) {
        return getClass().getName() + " serializes " + ValidatorEvent.class.getName() + " only, not "
                + (event == null ? "null" : event.getClass().getName());
    }
}
