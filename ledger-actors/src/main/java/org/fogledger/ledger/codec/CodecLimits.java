package org.fogledger.ledger.codec;

import java.util.Map;

/**
 * Upper bounds a decoder enforces before it allocates, so a hostile peer cannot make a node allocate gigabytes by
 * sending a four-byte length. Every length read from untrusted bytes is checked against one of these.
 *
 * <p>The codec does not read configuration itself (it stays free of config and actor libraries); the node maps
 * its {@code fogledger.codec} config block to {@link #fromMap(Map)}.
 *
 * @param maxTransactionBytes         whole encoded transaction, signature included
 * @param maxPayloadBytes             a transaction's payload; also bounds a receipt's result and a stored event's
 *                                    payload, which are produced from payloads
 * @param maxBlockBytes               whole encoded block
 * @param maxTransactionsPerBlock     transactions in one block
 * @param maxSignaturesPerCertificate signatures in one quorum certificate; also bounds the size of a validator set
 * @param maxStringBytes              any UTF-8 string field (chain id, contract address, command, result code)
 */
public record CodecLimits(int maxTransactionBytes,
                          int maxPayloadBytes,
                          int maxBlockBytes,
                          int maxTransactionsPerBlock,
                          int maxSignaturesPerCertificate,
                          int maxStringBytes) {

    public static final CodecLimits DEFAULT = new CodecLimits(
            64 * 1024, 60 * 1024, 8 * 1024 * 1024, 10_000, 1024, 256);

    /** Config keys as they appear in the node's {@code fogledger.codec} block. */
    public static final String MAX_TRANSACTION_BYTES = "max-transaction-bytes";
    public static final String MAX_PAYLOAD_BYTES = "max-payload-bytes";
    public static final String MAX_BLOCK_BYTES = "max-block-bytes";
    public static final String MAX_TRANSACTIONS_PER_BLOCK = "max-transactions-per-block";
    public static final String MAX_SIGNATURES_PER_CERTIFICATE = "max-signatures-per-certificate";
    public static final String MAX_STRING_BYTES = "max-string-bytes";

    public CodecLimits {
        positive("maxTransactionBytes", maxTransactionBytes);
        positive("maxPayloadBytes", maxPayloadBytes);
        positive("maxBlockBytes", maxBlockBytes);
        positive("maxTransactionsPerBlock", maxTransactionsPerBlock);
        positive("maxSignaturesPerCertificate", maxSignaturesPerCertificate);
        positive("maxStringBytes", maxStringBytes);
        // A payload that fits its limit must fit in a transaction, and a transaction in a block; otherwise a
        // node would admit what it can never include.
        if (maxPayloadBytes > maxTransactionBytes) {
            throw new IllegalArgumentException("maxPayloadBytes " + maxPayloadBytes
                    + " exceeds maxTransactionBytes " + maxTransactionBytes);
        }
        if (maxTransactionBytes > maxBlockBytes) {
            throw new IllegalArgumentException("maxTransactionBytes " + maxTransactionBytes
                    + " exceeds maxBlockBytes " + maxBlockBytes);
        }
    }

    /**
     * Limits from a flat map of the config keys above (e.g. a Typesafe {@code Config.root().unwrapped()}); a
     * missing key keeps its default. Values may be any {@link Number} or a decimal string.
     */
    public static CodecLimits fromMap(Map<String, ?> values) {
        for (String key : values.keySet()) {
            if (!isKnownKey(key)) {
                // A typo in a config file should not silently leave a limit at its default.
                throw new IllegalArgumentException("unknown codec limit '" + key + "'");
            }
        }
        return new CodecLimits(
                intValue(values, MAX_TRANSACTION_BYTES, DEFAULT.maxTransactionBytes),
                intValue(values, MAX_PAYLOAD_BYTES, DEFAULT.maxPayloadBytes),
                intValue(values, MAX_BLOCK_BYTES, DEFAULT.maxBlockBytes),
                intValue(values, MAX_TRANSACTIONS_PER_BLOCK, DEFAULT.maxTransactionsPerBlock),
                intValue(values, MAX_SIGNATURES_PER_CERTIFICATE, DEFAULT.maxSignaturesPerCertificate),
                intValue(values, MAX_STRING_BYTES, DEFAULT.maxStringBytes));
    }

    public CodecLimits withMaxTransactionBytes(int value) {
        return new CodecLimits(value, maxPayloadBytes, maxBlockBytes, maxTransactionsPerBlock,
                maxSignaturesPerCertificate, maxStringBytes);
    }

    public CodecLimits withMaxPayloadBytes(int value) {
        return new CodecLimits(maxTransactionBytes, value, maxBlockBytes, maxTransactionsPerBlock,
                maxSignaturesPerCertificate, maxStringBytes);
    }

    public CodecLimits withMaxBlockBytes(int value) {
        return new CodecLimits(maxTransactionBytes, maxPayloadBytes, value, maxTransactionsPerBlock,
                maxSignaturesPerCertificate, maxStringBytes);
    }

    public CodecLimits withMaxTransactionsPerBlock(int value) {
        return new CodecLimits(maxTransactionBytes, maxPayloadBytes, maxBlockBytes, value,
                maxSignaturesPerCertificate, maxStringBytes);
    }

    public CodecLimits withMaxSignaturesPerCertificate(int value) {
        return new CodecLimits(maxTransactionBytes, maxPayloadBytes, maxBlockBytes, maxTransactionsPerBlock,
                value, maxStringBytes);
    }

    public CodecLimits withMaxStringBytes(int value) {
        return new CodecLimits(maxTransactionBytes, maxPayloadBytes, maxBlockBytes, maxTransactionsPerBlock,
                maxSignaturesPerCertificate, value);
    }

    private static boolean isKnownKey(String key) {
        return switch (key) {
            case MAX_TRANSACTION_BYTES, MAX_PAYLOAD_BYTES, MAX_BLOCK_BYTES, MAX_TRANSACTIONS_PER_BLOCK,
                    MAX_SIGNATURES_PER_CERTIFICATE, MAX_STRING_BYTES -> true;
            default -> false;
        };
    }

    private static int intValue(Map<String, ?> values, String key, int fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        long parsed;
        if (value instanceof Number number) {
            if (number.doubleValue() != number.longValue()) {
                throw new IllegalArgumentException("codec limit '" + key + "' must be a whole number, got " + value);
            }
            parsed = number.longValue();
        } else {
            try {
                parsed = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("codec limit '" + key + "' must be a number, got '" + value + "'");
            }
        }
        if (parsed <= 0 || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("codec limit '" + key + "' must be in 1.." + Integer.MAX_VALUE
                    + ", got " + parsed);
        }
        return (int) parsed;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
