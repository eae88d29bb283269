package org.fogledger.ledger.validator.serialization;

import com.typesafe.config.Config;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.StoredEvent;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.SafetyState;
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

    /** Config path of the canonical encoding's limits. */
    static final String CODEC_CONFIG_PATH = "fogledger.codec";

    /** Smallest block-and-certificate pair, a safe underestimate: used to bound the count before allocating. */
    private static final int MIN_COMMITTED_BLOCK_BYTES = 4;

    private final CodecLimits limits;

    /** Called by Pekko, once per actor system; limits from the system's {@code fogledger.codec} block. */
    public ValidatorEventSerializer(ExtendedActorSystem system) {
        this(codecLimits(system.settings().config()));
    }

    /** For tests and tools. */
    public ValidatorEventSerializer(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
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
            writeSafetyState(payload, saved.state());
        } else if (event instanceof BlockStored stored) {
            kind = BLOCK_STORED_KIND;
            writeChainedBlock(payload, stored.block());
        } else if (event instanceof BlocksCommitted committed) {
            kind = BLOCKS_COMMITTED_KIND;
            writeCommittedBlocks(payload, committed.blocks());
        } else {
            throw new IllegalArgumentException(notAnEvent(event));
        }
        byte[] body = payload.toByteArray();
        CanonicalWriter out = new CanonicalWriter(body.length + 64);
        // The StoredEvent layout, written directly so the payload is not copied twice.
        out.writeHeader(Kind.STORED_EVENT);
        out.writeString(kind);
        out.writeU32(VERSION);
        out.writeBytes(body);
        return out.toByteArray();
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
        CanonicalReader in = new CanonicalReader(bytes);
        in.readHeader(Kind.STORED_EVENT, "event");
        int at = in.position();
        String kind = in.readString("event.kind", limits.maxStringBytes());
        if (!kind.equals(expectedKind)) {
            throw new DecodingException("event.kind", "manifest " + manifest + " expects kind " + expectedKind
                    + " but the bytes hold " + kind, at);
        }
        at = in.position();
        int version = in.readIntU32("event.version");
        if (version != VERSION) {
            throw new DecodingException("event.version", "unknown version " + version + " of " + kind
                    + " (this node reads version " + VERSION + ")", at);
        }
        int length = in.readLength("event.payload", Integer.MAX_VALUE, 1);
        CanonicalReader payload = in.slice("event.payload", length);
        in.expectEnd("event");
        Object event = switch (manifest) {
            case SAFETY_STATE_MANIFEST -> new SafetyStateSaved(readSafetyState(payload, "safetyStateSaved.state"));
            case BLOCK_STORED_MANIFEST -> new BlockStored(readChainedBlock(payload, "blockStored.block"));
            default -> new BlocksCommitted(readCommittedBlocks(payload, "blocksCommitted.blocks"));
        };
        payload.expectEnd("event.payload");
        return event;
    }

    // --- payloads ------------------------------------------------------------------------------------------

    private static void writeSafetyState(CanonicalWriter out, SafetyState state) {
        Objects.requireNonNull(state, "SafetyStateSaved.state");
        if (state.highestVotedRound() < 0) {
            // Written as u64 and read as a non-negative one: refuse now what could not be read back.
            throw new IllegalArgumentException("highestVotedRound must be >= 0, got " + state.highestVotedRound());
        }
        out.writeU64(state.highestVotedRound());
        Objects.requireNonNull(state.lockedQc(), "SafetyState.lockedQc").writeTo(out);
        Objects.requireNonNull(state.highQc(), "SafetyState.highQc").writeTo(out);
    }

    private SafetyState readSafetyState(CanonicalReader in, String field) {
        long highestVotedRound = in.readNonNegativeU64(field + ".highestVotedRound");
        QuorumCertificate lockedQc = QuorumCertificate.readFrom(in, limits, field + ".lockedQc");
        QuorumCertificate highQc = QuorumCertificate.readFrom(in, limits, field + ".highQc");
        return new SafetyState(highestVotedRound, lockedQc, highQc);
    }

    private static void writeChainedBlock(CanonicalWriter out, ChainedBlock chained) {
        Objects.requireNonNull(chained, "BlockStored.block");
        Objects.requireNonNull(chained.block(), "ChainedBlock.block").writeTo(out);
        Objects.requireNonNull(chained.justify(), "ChainedBlock.justify").writeTo(out);
    }

    private ChainedBlock readChainedBlock(CanonicalReader in, String field) {
        Block block = Block.readFrom(in, limits, field + ".block");
        QuorumCertificate justify = QuorumCertificate.readFrom(in, limits, field + ".justify");
        return new ChainedBlock(block, justify);
    }

    private static void writeCommittedBlocks(CanonicalWriter out, List<CommittedBlock> blocks) {
        out.writeU32(blocks.size());
        for (CommittedBlock committed : blocks) {
            Objects.requireNonNull(committed.block(), "CommittedBlock.block").writeTo(out);
            Objects.requireNonNull(committed.certificate(), "CommittedBlock.certificate").writeTo(out);
        }
    }

    private List<CommittedBlock> readCommittedBlocks(CanonicalReader in, String field) {
        int count = in.readCount(field, Integer.MAX_VALUE, MIN_COMMITTED_BLOCK_BYTES);
        List<CommittedBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String element = field + "[" + i + "]";
            Block block = Block.readFrom(in, limits, element + ".block");
            QuorumCertificate certificate = QuorumCertificate.readFrom(in, limits, element + ".certificate");
            blocks.add(new CommittedBlock(block, certificate));
        }
        return blocks;
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** The node's {@code fogledger.codec} block as limits; {@link CodecLimits#DEFAULT} when absent. */
    static CodecLimits codecLimits(Config config) {
        return config.hasPath(CODEC_CONFIG_PATH)
                ? CodecLimits.fromMap(config.getConfig(CODEC_CONFIG_PATH).root().unwrapped())
                : CodecLimits.DEFAULT;
    }

    private String notAnEvent(Object event) {
        return getClass().getName() + " serializes " + ValidatorEvent.class.getName() + " only, not "
                + (event == null ? "null" : event.getClass().getName());
    }
}
