package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.storage.ExecutionResultsStore;
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
    static final class CanonicalSerializer<T> extends Serializer<T> {
        private final Class<T> type;
        private final Function<T, byte[]> encoder;
        private final BiFunction<byte[], CodecLimits, T> decoder;
        private final ToLongFunction<CodecLimits> maxEncodedBytes;

        /**
         * @param encoder         the canonical encoding of a value
         * @param decoder         decodes exactly one value; throws {@link DecodingException} for anything else
         * @param maxEncodedBytes the largest encoding the limits allow, checked before the bytes are read
         */
        CanonicalSerializer(Class<T> type, Function<T, byte[]> encoder, BiFunction<byte[], CodecLimits, T> decoder,
                            ToLongFunction<CodecLimits> maxEncodedBytes) {
            super(false, true);
            this.type = type;
            this.encoder = encoder;
            this.decoder = decoder;
            this.maxEncodedBytes = maxEncodedBytes;
        }

        @Override
        public void write(Kryo kryo, Output output, T value) {
            byte[] bytes = encoder.apply(value);
            output.writeVarInt(bytes.length, true);
            output.writeBytes(bytes);
        }

        @Override
        public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
            CodecLimits limits = limits(kryo);
            int length = input.readVarInt(true);
            long max = maxEncodedBytes.applyAsLong(limits);
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
                return decoder.apply(bytes, limits);
            } catch (DecodingException e) {
                throw new KryoException("refusing " + type.getName() + " from the wire: " + e.getMessage(), e);
            } catch (IllegalArgumentException | NullPointerException e) {
                // A value the decoder parsed but a constructor or factory refused (e.g. a malformed key).
                throw new KryoException("refusing " + type.getName() + " from the wire: " + e.getMessage(), e);
            }
        }
    }

    /** {@link Transaction}: at most {@link CodecLimits#maxTransactionBytes()}. */
    static CanonicalSerializer<Transaction> transactions() {
        return new CanonicalSerializer<>(Transaction.class, Transaction::encode, Transaction::decode,
                CodecLimits::maxTransactionBytes);
    }

    /** {@link Block}: at most {@link CodecLimits#maxBlockBytes()}. */
    static CanonicalSerializer<Block> blocks() {
        return new CanonicalSerializer<>(Block.class, Block::encode, Block::decode, CodecLimits::maxBlockBytes);
    }

    /** {@link Receipt}: a payload-sized result plus a fixed header and a short result code. */
    static CanonicalSerializer<Receipt> receipts() {
        return new CanonicalSerializer<>(Receipt.class, Receipt::encode, Receipt::decode,
                limits -> (long) limits.maxPayloadBytes() + limits.maxStringBytes() + 128);
    }

    /** {@link QuorumCertificate}: at most {@link CodecLimits#maxSignaturesPerCertificate()} of the largest scheme. */
    static CanonicalSerializer<QuorumCertificate> quorumCertificates() {
        // version, kind, block hash, round, height, count; then per signer its tagged key and tagged signature.
        int fixedBytes = 2 + Hash.LENGTH + 8 + 8 + 4;
        int maxEntryBytes = 0;
        for (SignatureScheme scheme : SignatureScheme.values()) {
            maxEntryBytes = Math.max(maxEntryBytes, 2 + scheme.publicKeyLength() + scheme.signatureLength());
        }
        int entry = maxEntryBytes;
        return new CanonicalSerializer<>(QuorumCertificate.class, QuorumCertificate::encode, QuorumCertificate::decode,
                limits -> fixedBytes + (long) limits.maxSignaturesPerCertificate() * entry);
    }

    /** {@link BlockHeader}: fixed size but for the proposer's key; 4 KiB bounds every scheme's. */
    static CanonicalSerializer<BlockHeader> blockHeaders() {
        return new CanonicalSerializer<>(BlockHeader.class, BlockHeader::encode,
                (bytes, limits) -> BlockHeader.decode(bytes), limits -> 4096);
    }

    /**
     * {@link BlockResults}: at most {@link ExecutionResultsStore#MAX_RESULTS_BYTES}; what a message may carry is
     * bounded first by the artery frame size, and a validator sizes its answers below it.
     */
    static CanonicalSerializer<BlockResults> blockResults() {
        return new CanonicalSerializer<>(BlockResults.class, BlockResults::encode,
                (bytes, limits) -> BlockResults.decode(bytes, limits, ExecutionResultsStore.MAX_RESULTS_BYTES),
                limits -> ExecutionResultsStore.MAX_RESULTS_BYTES);
    }
}
