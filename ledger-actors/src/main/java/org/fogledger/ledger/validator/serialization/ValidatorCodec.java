package org.fogledger.ledger.validator.serialization;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

/**
 * The pieces both validator storage formats are made of (journal events and snapshots), so that a safety state or a
 * committed block is encoded the same way in both: the {@link StoredEvent} envelope, the safety state, blocks with
 * their certificates. Reads are strict: every count is checked against the bytes remaining before anything is
 * allocated, every block and certificate against {@link CodecLimits}.
 */
final class ValidatorCodec {
    /** Config path of the canonical encoding's limits. */
    static final String CODEC_CONFIG_PATH = "fogledger.codec";

    /** Smallest block-and-certificate pair, a safe underestimate: used to bound a count before allocating. */
    static final int MIN_BLOCK_PAIR_BYTES = 4;

    private final CodecLimits limits;

    ValidatorCodec(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    CodecLimits limits() {
        return limits;
    }

    /** The node's {@code fogledger.codec} block as limits; {@link CodecLimits#DEFAULT} when absent. */
    static CodecLimits codecLimits(Config config) {
        return config.hasPath(CODEC_CONFIG_PATH)
                ? CodecLimits.fromMap(config.getConfig(CODEC_CONFIG_PATH).root().unwrapped())
                : CodecLimits.DEFAULT;
    }

    // --- the envelope ----------------------------------------------------------------------------------------

    /**
     * The {@link StoredEvent} layout {@code 01 | kind STORED_EVENT | kind:string | version:u32 | payload:bytes},
     * written directly so the payload is not copied twice.
     */
    static byte[] envelope(String kind, int version, CanonicalWriter payload) {
        byte[] body = payload.toByteArray();
        CanonicalWriter out = new CanonicalWriter(body.length + 64);
        out.writeHeader(Kind.STORED_EVENT);
        out.writeString(kind);
        out.writeU32(version);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * Opens an envelope whose kind must be {@code expectedKind} (the one {@code manifest} names) and version
     * {@code version}; returns a reader over the payload, which the caller must read to its end. The envelope is
     * read here rather than with {@link StoredEvent#decode}, whose payload limit (a transaction payload) is far
     * below a block's: the payload may be as long as the bytes given.
     */
    CanonicalReader openEnvelope(byte[] bytes, String manifest, String expectedKind, int version, String field) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.readHeader(Kind.STORED_EVENT, field);
        int at = in.position();
        String kind = in.readString(field + ".kind", limits.maxStringBytes());
        if (!kind.equals(expectedKind)) {
            throw new DecodingException(field + ".kind", "manifest " + manifest + " expects kind " + expectedKind
                    + " but the bytes hold " + kind, at);
        }
        at = in.position();
        int found = in.readIntU32(field + ".version");
        if (found != version) {
            throw new DecodingException(field + ".version", "unknown version " + found + " of " + kind
                    + " (this node reads version " + version + ")", at);
        }
        int length = in.readLength(field + ".payload", Integer.MAX_VALUE, 1);
        CanonicalReader payload = in.slice(field + ".payload", length);
        in.expectEnd(field);
        return payload;
    }

    // --- safety state ----------------------------------------------------------------------------------------

    /** {@code highestVotedRound:u64 | lockedQc | highQc}. */
    static void writeSafetyState(CanonicalWriter out, SafetyState state, String field) {
        Objects.requireNonNull(state, field);
        if (state.highestVotedRound() < 0) {
            // Written as u64 and read as a non-negative one: refuse now what could not be read back.
            throw new IllegalArgumentException("highestVotedRound must be >= 0, got " + state.highestVotedRound());
        }
        out.writeU64(state.highestVotedRound());
        Objects.requireNonNull(state.lockedQc(), "SafetyState.lockedQc").writeTo(out);
        Objects.requireNonNull(state.highQc(), "SafetyState.highQc").writeTo(out);
    }

    SafetyState readSafetyState(CanonicalReader in, String field) {
        long highestVotedRound = in.readNonNegativeU64(field + ".highestVotedRound");
        QuorumCertificate lockedQc = QuorumCertificate.readFrom(in, limits, field + ".lockedQc");
        QuorumCertificate highQc = QuorumCertificate.readFrom(in, limits, field + ".highQc");
        return new SafetyState(highestVotedRound, lockedQc, highQc);
    }

    // --- blocks ----------------------------------------------------------------------------------------------

    /** {@code block | justify}. */
    static void writeChainedBlock(CanonicalWriter out, ChainedBlock chained, String field) {
        Objects.requireNonNull(chained, field);
        Objects.requireNonNull(chained.block(), "ChainedBlock.block").writeTo(out);
        Objects.requireNonNull(chained.justify(), "ChainedBlock.justify").writeTo(out);
    }

    ChainedBlock readChainedBlock(CanonicalReader in, String field) {
        Block block = Block.readFrom(in, limits, field + ".block");
        QuorumCertificate justify = QuorumCertificate.readFrom(in, limits, field + ".justify");
        return new ChainedBlock(block, justify);
    }

    /** {@code count:u32 | count x (block | justify)}. */
    static void writeChainedBlocks(CanonicalWriter out, List<ChainedBlock> blocks, String field) {
        out.writeU32(blocks.size());
        for (ChainedBlock block : blocks) {
            writeChainedBlock(out, block, field);
        }
    }

    List<ChainedBlock> readChainedBlocks(CanonicalReader in, String field) {
        int count = in.readCount(field, Integer.MAX_VALUE, MIN_BLOCK_PAIR_BYTES);
        List<ChainedBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(readChainedBlock(in, field + "[" + i + "]"));
        }
        return blocks;
    }

    /** {@code count:u32 | count x (block | certificate)}. */
    static void writeCommittedBlocks(CanonicalWriter out, List<CommittedBlock> blocks) {
        out.writeU32(blocks.size());
        for (CommittedBlock committed : blocks) {
            Objects.requireNonNull(committed.block(), "CommittedBlock.block").writeTo(out);
            Objects.requireNonNull(committed.certificate(), "CommittedBlock.certificate").writeTo(out);
        }
    }

    List<CommittedBlock> readCommittedBlocks(CanonicalReader in, String field) {
        int count = in.readCount(field, Integer.MAX_VALUE, MIN_BLOCK_PAIR_BYTES);
        List<CommittedBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String element = field + "[" + i + "]";
            Block block = Block.readFrom(in, limits, element + ".block");
            QuorumCertificate certificate = QuorumCertificate.readFrom(in, limits, element + ".certificate");
            blocks.add(new CommittedBlock(block, certificate));
        }
        return blocks;
    }
}
