package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Receipt;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * The chain types on the wire, as their canonical encoding: a length (unsigned varint), then exactly the bytes of
 * {@code encode()}. Reading goes through the type's own strict, bounded {@code decode(bytes, limits)}, never
 * through Kryo's reflection into fields, so what a hostile peer sends is checked by the same decoder that checks
 * stored blocks: version, kind, every length against {@link CodecLimits}, no trailing bytes. The length prefix is
 * checked against the type's largest encoding and against the bytes left in the message before anything is
 * allocated.
 *
 * <p>The limits come from the Kryo instance's context under {@link #LIMITS_KEY}, put there by
 * {@link KryoSerializer} from the node's {@code fogledger.codec} config; {@link CodecLimits#DEFAULT} when absent.
 * A refused encoding surfaces as a {@link KryoException} naming the type and the field, which
 * {@link KryoSerializer} turns into a {@link WireSerializationException}.
 */
final class ChainKryoSerializers {
    /** Key of the {@link CodecLimits} in {@link Kryo#getContext()}. */
    static final String LIMITS_KEY = "fogledger.codecLimits";

    private ChainKryoSerializers() {
    }

    /** The limits this Kryo instance decodes with. */
    static CodecLimits limits(Kryo kryo) {
        Object limits = kryo.getContext().get(LIMITS_KEY);
        return limits instanceof CodecLimits configured ? configured : CodecLimits.DEFAULT;
    }

    /** Writes {@code encode()} length-prefixed; reads with the type's bounded decoder. Stateless. */
    abstract static class CanonicalSerializer<T> extends Serializer<T> {
        private final Class<T> type;

        CanonicalSerializer(Class<T> type) {
            super(false, true);
            this.type = type;
        }

        /** The canonical encoding of {@code value}. */
        abstract byte[] encode(T value);

        /** Decodes exactly one value; throws {@link DecodingException} for anything else. */
        abstract T decode(byte[] bytes, CodecLimits limits);

        /** The largest encoding {@code limits} allow, checked before the bytes are read. */
        abstract long maxEncodedBytes(CodecLimits limits);

        @Override
        public final void write(Kryo kryo, Output output, T value) {
            byte[] bytes = encode(value);
            output.writeVarInt(bytes.length, true);
            output.writeBytes(bytes);
        }

        @Override
        public final T read(Kryo kryo, Input input, Class<? extends T> ignored) {
            CodecLimits limits = limits(kryo);
            int length = input.readVarInt(true);
            long max = maxEncodedBytes(limits);
            if (length < 0 || length > max) {
                throw new KryoException("refusing " + type.getName() + " from the wire: encoding claims "
                        + Integer.toUnsignedString(length) + " bytes, limit " + max + " (fogledger.codec)");
            }
            int remaining = input.limit() - input.position();
            if (length > remaining) {
                throw new KryoException("refusing " + type.getName() + " from the wire: encoding claims " + length
                        + " bytes but only " + remaining + " remain");
            }
            byte[] bytes = input.readBytes(length);
            try {
                return decode(bytes, limits);
            } catch (DecodingException e) {
                throw new KryoException("refusing " + type.getName() + " from the wire: " + e.getMessage(), e);
            } catch (IllegalArgumentException | NullPointerException e) {
                // A value the decoder parsed but a constructor or factory refused (e.g. a malformed key).
                throw new KryoException("refusing " + type.getName() + " from the wire: " + e.getMessage(), e);
            }
        }
    }

    /** {@link Transaction}: at most {@link CodecLimits#maxTransactionBytes()}. */
    static final class TransactionSerializer extends CanonicalSerializer<Transaction> {
        TransactionSerializer() {
            super(Transaction.class);
        }

        @Override
        byte[] encode(Transaction tx) {
            return tx.encode();
        }

        @Override
        Transaction decode(byte[] bytes, CodecLimits limits) {
            return Transaction.decode(bytes, limits);
        }

        @Override
        long maxEncodedBytes(CodecLimits limits) {
            return limits.maxTransactionBytes();
        }
    }

    /** {@link Block}: at most {@link CodecLimits#maxBlockBytes()}. */
    static final class BlockSerializer extends CanonicalSerializer<Block> {
        BlockSerializer() {
            super(Block.class);
        }

        @Override
        byte[] encode(Block block) {
            return block.encode();
        }

        @Override
        Block decode(byte[] bytes, CodecLimits limits) {
            return Block.decode(bytes, limits);
        }

        @Override
        long maxEncodedBytes(CodecLimits limits) {
            return limits.maxBlockBytes();
        }
    }

    /** {@link Receipt}: a payload-sized result plus a fixed header and a short result code. */
    static final class ReceiptSerializer extends CanonicalSerializer<Receipt> {
        ReceiptSerializer() {
            super(Receipt.class);
        }

        @Override
        byte[] encode(Receipt receipt) {
            return receipt.encode();
        }

        @Override
        Receipt decode(byte[] bytes, CodecLimits limits) {
            return Receipt.decode(bytes, limits);
        }

        @Override
        long maxEncodedBytes(CodecLimits limits) {
            return (long) limits.maxPayloadBytes() + limits.maxStringBytes() + 128;
        }
    }

    /** {@link QuorumCertificate}: at most {@link CodecLimits#maxSignaturesPerCertificate()} of the largest scheme. */
    static final class QuorumCertificateSerializer extends CanonicalSerializer<QuorumCertificate> {
        /** version, kind, block hash, round, height, count. */
        private static final int FIXED_BYTES = 2 + Hash.LENGTH + 8 + 8 + 4;
        /** The largest signer and signature, each with its scheme tag. */
        private static final int MAX_ENTRY_BYTES = maxEntryBytes();

        QuorumCertificateSerializer() {
            super(QuorumCertificate.class);
        }

        @Override
        byte[] encode(QuorumCertificate qc) {
            return qc.encode();
        }

        @Override
        QuorumCertificate decode(byte[] bytes, CodecLimits limits) {
            return QuorumCertificate.decode(bytes, limits);
        }

        @Override
        long maxEncodedBytes(CodecLimits limits) {
            return FIXED_BYTES + (long) limits.maxSignaturesPerCertificate() * MAX_ENTRY_BYTES;
        }

        private static int maxEntryBytes() {
            int max = 0;
            for (SignatureScheme scheme : SignatureScheme.values()) {
                max = Math.max(max, 2 + scheme.publicKeyLength() + scheme.signatureLength());
            }
            return max;
        }
    }
}
