package org.fogledger.ledger.chain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.Verifier;

/**
 * A signed request from {@code sender} to run {@code command} with {@code payload} on the contract at
 * {@code contract}. Immutable; equal by value.
 *
 * <p>Encoding (version 1): {@code 01 | kind TRANSACTION | chainId:string | sender:key | nonce:u64 |
 * contract:string | command:string | payload:bytes | signature:sig}. The sender signs
 * {@code TRANSACTION prefix || encoding up to and without the signature}; the chain id inside keeps a
 * transaction from being replayed on another chain, the nonce on the same chain.
 *
 * <p>Decoding checks structure and limits only; the signature is checked by {@link #hasValidSignature()}, which
 * the mempool calls, so a node can decode (and report on) a transaction it will refuse.
 */
public final class Transaction {
    private final String chainId;
    private final PublicKey sender;
    private final long nonce;
    private final String contract;
    private final String command;
    private final byte[] payload;
    private final Signature signature;

    // Encoded eagerly: every transaction is hashed or sent, and encoding in the constructor refuses a string
    // with no UTF-8 form at construction rather than later inside a hash set.
    private final byte[] encoding;
    // Computed on first use; a benign race, every thread computes the same value.
    private Hash hash;

    public Transaction(String chainId, PublicKey sender, long nonce, String contract, String command,
                       byte[] payload, Signature signature) {
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.sender = Objects.requireNonNull(sender, "sender");
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must be >= 0, got " + nonce);
        }
        this.nonce = nonce;
        this.contract = Objects.requireNonNull(contract, "contract");
        this.command = Objects.requireNonNull(command, "command");
        this.payload = Objects.requireNonNull(payload, "payload").clone();
        this.signature = Objects.requireNonNull(signature, "signature");
        CanonicalWriter out = new CanonicalWriter(192 + payload.length);
        writeUnsigned(out, chainId, sender, nonce, contract, command, payload);
        out.writeSignature(signature);
        this.encoding = out.toByteArray();
    }

    /** Builds and signs a transaction with {@code key}, which becomes the sender. */
    public static Transaction sign(KeyPair key, String chainId, long nonce, String contract, String command,
                                   byte[] payload) {
        CanonicalWriter unsigned = new CanonicalWriter(128 + payload.length);
        writeUnsigned(unsigned, chainId, key.publicKey(), nonce, contract, command, payload);
        Signature signature = key.sign(Domain.TRANSACTION.signingBytes(unsigned.toByteArray()));
        return new Transaction(chainId, key.publicKey(), nonce, contract, command, payload, signature);
    }

    public String chainId() {
        return chainId;
    }

    public PublicKey sender() {
        return sender;
    }

    public long nonce() {
        return nonce;
    }

    public String contract() {
        return contract;
    }

    public String command() {
        return command;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    public Signature signature() {
        return signature;
    }

    /** What the sender signs: TRANSACTION prefix || the encoding without the signature. */
    public byte[] signingBytes() {
        // The unsigned encoding is the full encoding minus the trailing tag and signature.
        int unsignedLength = encoding.length - 1 - signature.scheme().signatureLength();
        int prefixLength = Domain.TRANSACTION.prefixLength();
        byte[] out = new byte[prefixLength + unsignedLength];
        System.arraycopy(Domain.TRANSACTION.prefix(), 0, out, 0, prefixLength);
        System.arraycopy(encoding, 0, out, prefixLength, unsignedLength);
        return out;
    }

    /** True when {@code signature} is the sender's signature over {@link #signingBytes()}. */
    public boolean hasValidSignature() {
        return Verifier.verify(sender, signingBytes(), signature);
    }

    /** The transaction id: SHA-256(TRANSACTION prefix || full encoding, signature included). Cached. */
    public Hash hash() {
        Hash h = hash;
        if (h == null) {
            h = Domain.TRANSACTION.hash(encoding());
            hash = h;
        }
        return h;
    }

    /** The canonical encoding (a fresh copy). */
    public byte[] encode() {
        return encoding().clone();
    }

    /** Length of the canonical encoding, what size limits are measured against. */
    public int encodedSize() {
        return encoding().length;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeFixed(encoding());
    }

    /** Decodes exactly one transaction; the whole input must be one canonical encoding within the limits. */
    public static Transaction decode(byte[] bytes, CodecLimits limits) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.requireTotalAtMost("transaction", limits.maxTransactionBytes());
        Transaction tx = readFrom(in, limits, "transaction");
        in.expectEnd("transaction");
        return tx;
    }

    /** Reads one transaction from {@code in}; {@code field} names it in errors (e.g. "block.transactions[3]"). */
    public static Transaction readFrom(CanonicalReader in, CodecLimits limits, String field) {
        int start = in.position();
        in.readHeader(Kind.TRANSACTION, field);
        String chainId = in.readString(field + ".chainId", limits.maxStringBytes());
        PublicKey sender = in.readPublicKey(field + ".sender");
        long nonce = in.readNonNegativeU64(field + ".nonce");
        String contract = in.readString(field + ".contract", limits.maxStringBytes());
        String command = in.readString(field + ".command", limits.maxStringBytes());
        byte[] payload = in.readBytes(field + ".payload", limits.maxPayloadBytes());
        Signature signature = in.readSignature(field + ".signature");
        int size = in.position() - start;
        if (size > limits.maxTransactionBytes()) {
            throw new DecodingException(field, "length " + size + " exceeds limit " + limits.maxTransactionBytes(),
                    start);
        }
        return new Transaction(chainId, sender, nonce, contract, command, payload, signature);
    }

    private byte[] encoding() {
        return encoding;
    }

    private static void writeUnsigned(CanonicalWriter out, String chainId, PublicKey sender, long nonce,
                                      String contract, String command, byte[] payload) {
        out.writeHeader(Kind.TRANSACTION);
        out.writeString(chainId);
        out.writePublicKey(sender);
        out.writeU64(nonce);
        out.writeString(contract);
        out.writeString(command);
        out.writeBytes(payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Transaction that
                && nonce == that.nonce
                && chainId.equals(that.chainId)
                && sender.equals(that.sender)
                && contract.equals(that.contract)
                && command.equals(that.command)
                && Arrays.equals(payload, that.payload)
                && signature.equals(that.signature);
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "Transaction[" + hash().shortHex() + " " + chainId + " from " + sender + " #" + nonce + " "
                + contract + "." + command + " payload=" + HexFormat.of().formatHex(payload, 0,
                Math.min(16, payload.length)) + (payload.length > 16 ? "..." : "") + "]";
    }
}
