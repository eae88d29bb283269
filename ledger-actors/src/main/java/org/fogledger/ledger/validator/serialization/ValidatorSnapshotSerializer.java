package org.fogledger.ledger.validator.serialization;

import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.mempool.SenderNonces;
import org.fogledger.ledger.validator.ValidatorSnapshot;

/**
 * The validator's snapshot serializer: {@link ValidatorSnapshot} in the canonical, versioned encoding (never Kryo),
 * like the journal's events ({@link ValidatorEventSerializer}), whose pieces it shares. Bound to
 * {@link ValidatorSnapshot} in {@code reference.conf}.
 *
 * <p><b>Bytes</b> (format version 1): a {@link StoredEvent} envelope of kind {@value #SNAPSHOT_KIND}, version 1,
 * whose payload is
 * <pre>
 * safety:       highestVotedRound:u64 | lockedQc | highQc
 * committed:    count:u32 | count x (block | certificate)        oldest first, consecutive, linked
 * uncommitted:  count:u32 | count x (block | justify)
 * usedNonces:   count:u32 | count x (sender:key | lowestUnused:u64 | n:u32 | n x nonce:u64)
 *                                                                senders in increasing key order, nonces increasing
 * </pre>
 *
 * <p>Decoding is strict: every count is checked against the bytes remaining before anything is allocated (and a
 * sender's nonces against {@link SenderNonces#MAX_USED_ABOVE}), every block and certificate against the node's
 * {@link CodecLimits}, trailing bytes are refused, and the value must be the one canonical form: a window that does
 * not link, senders out of order or nonces not increasing are refused. Every failure is a {@link DecodingException}
 * naming the field and offset; an unknown manifest is a {@link NotSerializableException} naming it.
 */
public final class ValidatorSnapshotSerializer extends SerializerWithStringManifest {
    /** This serializer's id in Pekko's envelope; fixed forever. FogLedger's serializers use 7300-7399. */
    public static final int IDENTIFIER = 7303;

    public static final String SNAPSHOT_MANIFEST = "validator-snapshot-v1";

    /** The kind written in the envelope; part of the stored format, never change it. */
    static final String SNAPSHOT_KIND = "validator.snapshot";
    static final int VERSION = 1;

    /** Smallest sender entry (scheme tag, no key, floor, empty list), a safe underestimate. */
    private static final int MIN_SENDER_BYTES = 1 + 8 + 4;

    private final ValidatorCodec codec;

    /** Called by Pekko, once per actor system; limits from the system's {@code fogledger.codec} block. */
    public ValidatorSnapshotSerializer(ExtendedActorSystem system) {
        this(ValidatorCodec.codecLimits(system.settings().config()));
    }

    /** For tests and tools. */
    public ValidatorSnapshotSerializer(CodecLimits limits) {
        this.codec = new ValidatorCodec(limits);
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object snapshot) {
        if (snapshot instanceof ValidatorSnapshot) {
            return SNAPSHOT_MANIFEST;
        }
        throw new IllegalArgumentException(notASnapshot(snapshot));
    }

    @Override
    public byte[] toBinary(Object object) {
        if (!(object instanceof ValidatorSnapshot snapshot)) {
            throw new IllegalArgumentException(notASnapshot(object));
        }
        CanonicalWriter payload = new CanonicalWriter(4096);
        ValidatorCodec.writeSafetyState(payload, snapshot.safety(), "ValidatorSnapshot.safety");
        ValidatorCodec.writeCommittedBlocks(payload, snapshot.committedWindow());
        ValidatorCodec.writeChainedBlocks(payload, snapshot.uncommittedBlocks(), "ValidatorSnapshot.uncommittedBlocks");
        payload.writeU32(snapshot.usedNonces().size());
        for (SenderNonces sender : snapshot.usedNonces()) {
            payload.writePublicKey(sender.sender());
            payload.writeU64(sender.lowestUnused());
            payload.writeU32(sender.usedAbove().size());
            for (long nonce : sender.usedAbove()) {
                payload.writeU64(nonce);
            }
        }
        return ValidatorCodec.envelope(SNAPSHOT_KIND, VERSION, payload);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        if (!SNAPSHOT_MANIFEST.equals(manifest)) {
            throw new NotSerializableException("unknown manifest '" + manifest + "' for " + getClass().getName()
                    + " (identifier " + IDENTIFIER + "); this node reads " + List.of(SNAPSHOT_MANIFEST));
        }
        CanonicalReader in = codec.openEnvelope(bytes, manifest, SNAPSHOT_KIND, VERSION, "snapshot");
        SafetyState safety = codec.readSafetyState(in, "snapshot.safety");
        List<CommittedBlock> window = readWindow(in, "snapshot.committed");
        List<ChainedBlock> uncommitted = codec.readChainedBlocks(in, "snapshot.uncommitted");
        List<SenderNonces> usedNonces = readUsedNonces(in, "snapshot.usedNonces");
        in.expectEnd("snapshot.payload");
        return new ValidatorSnapshot(safety, window, uncommitted, usedNonces);
    }

    /** The committed window: at least the tip, consecutive heights, each block the child of the one before. */
    private List<CommittedBlock> readWindow(CanonicalReader in, String field) {
        int at = in.position();
        int count = in.readCount(field, Integer.MAX_VALUE, ValidatorCodec.MIN_BLOCK_PAIR_BYTES);
        if (count == 0) {
            throw new DecodingException(field, "empty: a snapshot holds at least the committed tip", at);
        }
        List<CommittedBlock> window = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String element = field + "[" + i + "]";
            at = in.position();
            CommittedBlock block = new CommittedBlock(Block.readFrom(in, codec.limits(), element + ".block"),
                    QuorumCertificate.readFrom(in, codec.limits(), element + ".certificate"));
            if (i > 0) {
                CommittedBlock previous = window.get(i - 1);
                if (block.height() != previous.height() + 1
                        || !block.block().parentHash().equals(previous.block().hash())) {
                    throw new DecodingException(element, "block at height " + block.height()
                            + " does not follow the block at height " + previous.height(), at);
                }
            }
            window.add(block);
        }
        return window;
    }

    private static List<SenderNonces> readUsedNonces(CanonicalReader in, String field) {
        int senders = in.readCount(field, Integer.MAX_VALUE, MIN_SENDER_BYTES);
        List<SenderNonces> all = new ArrayList<>(senders);
        for (int i = 0; i < senders; i++) {
            String element = field + "[" + i + "]";
            int at = in.position();
            PublicKey sender = in.readPublicKey(element + ".sender");
            long lowestUnused = in.readU64(element + ".lowestUnused");
            int count = in.readCount(element + ".usedAbove", SenderNonces.MAX_USED_ABOVE, 8);
            List<Long> usedAbove = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                usedAbove.add(in.readU64(element + ".usedAbove[" + j + "]"));
            }
            if (i > 0 && Arrays.compareUnsigned(all.get(i - 1).sender().encoded(), sender.encoded()) >= 0) {
                throw new DecodingException(element + ".sender", "senders must be in increasing key order", at);
            }
            try {
                all.add(new SenderNonces(sender, lowestUnused, usedAbove));
            } catch (IllegalArgumentException e) {
                throw new DecodingException(element + ".usedAbove", e.getMessage(), at);
            }
        }
        return all;
    }

    private String notASnapshot(Object object) {
        return getClass().getName() + " serializes " + ValidatorSnapshot.class.getName() + " only, not "
                + (object == null ? "null" : Objects.toString(object.getClass().getName()));
    }
}
