package org.fogledger.ledger.contract.trace;

import java.nio.charset.StandardCharsets;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.Sha256;

/**
 * The bytes that identify traceability encodings and hashes, in one place because they are part of what gateways
 * anchor and auditors check: changing one changes every record's leaf hash.
 *
 * <p>Every canonical encoding starts with {@code version | kind}. The codec's {@link Kind} enum has no code for
 * trace values yet (and lives outside this package), so the trace encodings write the same version byte and then
 * their own tag with {@code writeU8}: {@link #TRACE_RECORD_TAG} and {@link #AUDIT_PROOF_TAG}. They are taken from
 * 64 up, far from the codec's sequential codes (1..13 today), and a test fails the day {@link Kind} assigns one of
 * them to something else. Once {@code Kind.TRACE_RECORD} and {@code Kind.AUDIT_PROOF} exist with these codes, the
 * bytes stay the same and only the reading code changes.
 *
 * <p>Hashes follow the codec's domain-separation scheme ({@code FOGLEDGER/v1/<name>\0 || body}, see
 * {@code codec.Domain}): the trace-record prefix is ASCII, starts with 'F' and ends with its only NUL, so it
 * keeps the set of prefixes prefix-free.
 */
public final class TraceFormat {
    /** Second byte of a {@link TraceRecord} encoding (after the version byte). */
    public static final int TRACE_RECORD_TAG = 64;
    /** Second byte of an {@link AuditProof} encoding. */
    public static final int AUDIT_PROOF_TAG = 65;

    /** The prefix of a trace record's leaf hash: {@code FOGLEDGER/v1/trace-record\0}. */
    private static final byte[] TRACE_RECORD_PREFIX =
            "FOGLEDGER/v1/trace-record\0".getBytes(StandardCharsets.US_ASCII);

    private TraceFormat() {
    }

    /** SHA-256(trace-record prefix || encoding): the leaf a batch's Merkle tree is built over. */
    static Hash traceRecordHash(byte[] encoding) {
        return Sha256.hash(TRACE_RECORD_PREFIX, encoding);
    }

    static void writeHeader(CanonicalWriter out, int tag) {
        out.writeU8(CanonicalWriter.VERSION);
        out.writeU8(tag);
    }

    /** Checks the version byte and the tag, naming {@code field} and the offset on failure. */
    static void readHeader(CanonicalReader in, int tag, String field) {
        int at = in.position();
        int version = in.readU8(field + ".version");
        if (version != CanonicalWriter.VERSION) {
            throw new DecodingException(field + ".version", "unknown format version " + version
                    + " (this node reads version " + CanonicalWriter.VERSION + ")", at);
        }
        at = in.position();
        int found = in.readU8(field + ".kind");
        if (found != tag) {
            throw new DecodingException(field + ".kind", "expected tag " + tag + " (" + tagName(tag)
                    + ") but found " + found + describeKind(found), at);
        }
    }

    private static String tagName(int tag) {
        return switch (tag) {
            case TRACE_RECORD_TAG -> "trace record";
            case AUDIT_PROOF_TAG -> "audit proof";
            default -> "unknown";
        };
    }

    private static String describeKind(int code) {
        if (code == TRACE_RECORD_TAG || code == AUDIT_PROOF_TAG) {
            return " (" + tagName(code) + ")";
        }
        Kind kind = Kind.fromCode(code);
        return kind == null ? "" : " (" + kind + ")";
    }
}
