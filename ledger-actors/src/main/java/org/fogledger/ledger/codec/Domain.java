package org.fogledger.ledger.codec;

import java.nio.charset.StandardCharsets;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.Sha256;

/**
 * Domain-separation prefixes. Every hash and every signature in FogLedger is computed over
 * {@code prefix || canonical bytes}, so a signature made for one purpose (a vote) can never be replayed as another
 * (a transaction), and a hash of one kind can never equal a hash of another kind over the same bytes.
 *
 * <p>The set of prefixes is prefix-free: the ASCII prefixes all start with {@code 'F'} and end with their only NUL
 * byte, and the two Merkle prefixes are the single bytes 0x00 and 0x01 of RFC 6962, which no ASCII prefix starts
 * with. So no {@code prefix || body} of one domain is also a {@code prefix || body} of another.
 *
 * <p>The prefix bytes are part of the signed format: never change one; add a new domain (or a {@code v2}) instead.
 */
public enum Domain {
    TRANSACTION("transaction"),
    BLOCK_HEADER("block-header"),
    VOTE("vote"),
    TIMEOUT("timeout"),
    PROPOSAL("proposal"),
    RECEIPT("receipt"),
    STORED_EVENT("stored-event"),
    /** RFC 6962 leaf prefix: the single byte 0x00. */
    MERKLE_LEAF(new byte[] {0x00}),
    /** RFC 6962 interior-node prefix: the single byte 0x01. */
    MERKLE_NODE(new byte[] {0x01}),
    RESULTS("results"),
    VALIDATOR_SET("validator-set"),
    /** A device owner's consent to hand the device over (registry resale counter-signature). */
    REGISTRY_OWNERSHIP_TRANSFER("registry-ownership-transfer"),
    /** A trace record's leaf hash in its gateway batch's Merkle tree (contract.trace). */
    TRACE_RECORD("trace-record");

    private final byte[] prefix;

    Domain(String name) {
        this(("FOGLEDGER/v1/" + name + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    Domain(byte[] prefix) {
        this.prefix = prefix;
    }

    /** A copy of the prefix bytes. */
    public byte[] prefix() {
        return prefix.clone();
    }

    public int prefixLength() {
        return prefix.length;
    }

    /** {@code prefix || body}: what a key signs and a verifier checks. */
    public byte[] signingBytes(byte[] body) {
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    /** SHA-256 of {@code prefix || body}, without building the concatenation. */
    public Hash hash(byte[] body) {
        return Sha256.hash(prefix, body);
    }
}
