package org.fogledger.ledger.codec;

/**
 * Bytes that are not a canonical encoding. Unchecked because every caller that decodes untrusted bytes handles it
 * the same way (refuse the input and report the message), and callers decoding their own bytes cannot see it.
 *
 * <p>The message always names the field and the byte offset where decoding stopped, so a refused block or
 * transaction can be diagnosed from a log line alone.
 */
public final class DecodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    public DecodingException(String field, String problem, int offset) {
        super(field + ": " + problem + " at offset " + offset);
        this.field = field;
        this.offset = offset;
    }

    /** The dotted path of the field being read, e.g. {@code block.transactions[3].payload}. */
    public String field() {
        return field;
    }

    /** The absolute byte offset in the decoded input where the field starts. */
    public int offset() {
        return offset;
    }
}
