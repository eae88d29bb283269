package org.fogledger.ledger.contract;

import java.util.Objects;

/** One command for one contract instance, from a transaction or from another contract. */
public record Invocation(ContractAddress address, String command, byte[] payload, ExecutionContext context) {

    public Invocation {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(command, "command");
        payload = Objects.requireNonNull(payload, "payload").clone();
        Objects.requireNonNull(context, "context");
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
