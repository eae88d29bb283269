package org.fogledger.ledger.contract;

import java.util.Objects;

/**
 * Thrown by contract logic to refuse a command: the execution fails with {@code code} and the message as its
 * reason, and none of its events are kept. A refusal is an answer, not a bug, so it carries no stack trace.
 */
public final class ContractRefusal extends RuntimeException {
    private final String code;

    public ContractRefusal(String code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }

    public ContractResult toResult() {
        return ContractResult.failed(code, getMessage());
    }
}
