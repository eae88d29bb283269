package org.fogledger.cluster.api;

import java.time.Duration;
import java.util.Objects;
import org.fogledger.ledger.codec.CodecLimits;

/**
 * How a node's HTTP API listens and what it accepts.
 *
 * @param host          the interface to bind ({@code 0.0.0.0} for all)
 * @param port          the TCP port; 0 picks a free one (the binding says which)
 * @param chainId       the chain this node's ledger runs: a transaction naming another is refused before submission
 * @param maxBodyBytes  the largest request body read; a larger one is answered 413 {@code body-too-large}
 * @param confirmations receipts from this many distinct validators must agree before a transaction is answered
 *                      committed (1: one validator's receipt; f + 1 relies on no single validator)
 * @param answerTimeout how long a request waits for the ledger (a commit, a query) before answering 503
 * @param codecLimits   the limits a submitted transaction is decoded under
 * @param tls           HTTPS with this key store, or null for plain HTTP
 */
public record ApiSettings(String host, int port, String chainId, int maxBodyBytes, int confirmations,
                          Duration answerTimeout, CodecLimits codecLimits, ApiTls tls) {
    /** 256 KiB: far above the largest transaction the default codec limits admit, small enough to buffer. */
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final int DEFAULT_PORT = 8080;

    public ApiSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        Objects.requireNonNull(codecLimits, "codecLimits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1, got " + confirmations);
        }
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("answerTimeout must be positive, got " + answerTimeout);
        }
    }

    /** Port 8080 on all interfaces, 256 KiB bodies, one validator's receipt, 30 s answers, default codec limits. */
    public static ApiSettings defaults(String chainId) {
        return new ApiSettings("0.0.0.0", DEFAULT_PORT, chainId, DEFAULT_MAX_BODY_BYTES, 1, Duration.ofSeconds(30),
                CodecLimits.DEFAULT, null);
    }

    /**
     * The settings under {@code path} (normally {@value #CONFIG_PATH}) of a node's configuration, each optional:
     * {@code host}, {@code port}, {@code max-body-bytes}, {@code confirmations}, {@code answer-timeout}, {@code tls}
     * ({@link ApiTls}); the rest
     * from {@link #defaults}. A wrong type or value fails naming the key.
     */
    public static ApiSettings fromConfig(com.typesafe.config.Config config, String path, String chainId) {
        ApiSettings base = defaults(chainId);
        if (!config.hasPath(path)) {
            return base;
        }
        com.typesafe.config.Config api = config.getConfig(path);
        try {
            return new ApiSettings(
                    api.hasPath("host") ? api.getString("host") : base.host(),
                    api.hasPath("port") ? api.getInt("port") : base.port(),
                    chainId,
                    api.hasPath("max-body-bytes") ? (int) Math.min(Integer.MAX_VALUE, api.getBytes("max-body-bytes"))
                            : base.maxBodyBytes(),
                    api.hasPath("confirmations") ? api.getInt("confirmations") : base.confirmations(),
                    api.hasPath("answer-timeout") ? api.getDuration("answer-timeout") : base.answerTimeout(),
                    base.codecLimits(),
                    ApiTls.fromConfig(api, path));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /** Where a node's configuration holds these settings. */
    public static final String CONFIG_PATH = "fogledger.api";

    public ApiSettings withAddress(String host, int port) {
        return new ApiSettings(host, port, chainId, maxBodyBytes, confirmations, answerTimeout, codecLimits, tls);
    }

    public ApiSettings withConfirmations(int confirmations) {
        return new ApiSettings(host, port, chainId, maxBodyBytes, confirmations, answerTimeout, codecLimits, tls);
    }

    public ApiSettings withTls(ApiTls tls) {
        return new ApiSettings(host, port, chainId, maxBodyBytes, confirmations, answerTimeout, codecLimits, tls);
    }

    public ApiSettings withAnswerTimeout(Duration answerTimeout) {
        return new ApiSettings(host, port, chainId, maxBodyBytes, confirmations, answerTimeout, codecLimits, tls);
    }
}
