package org.fogledger.ledger.contract;

import java.util.Objects;

/**
 * A command one contract sends another. It runs as an internal transaction after the block's own transactions, in
 * the order messages were sent, with the sender as {@link ExecutionContext#caller()}; it is never run in the
 * middle of the execution that sent it, so a contract cannot be re-entered while it is running.
 */
public record ContractMessage(ContractAddress target, String command, byte[] payload) {

    public ContractMessage {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(command, "command");
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContractMessage that && target.equals(that.target) && command.equals(that.command)
                && java.util.Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * target.hashCode() + command.hashCode()) + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ContractMessage[" + target + " " + command + ", " + payload.length + " bytes]";
    }
}
