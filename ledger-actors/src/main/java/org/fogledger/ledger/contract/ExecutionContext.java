package org.fogledger.ledger.contract;

import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Everything a contract may know about the moment it runs, and nothing more: no wall clock, no randomness.
 *
 * @param height          the block being executed
 * @param index           the execution's place in the block: block transactions first (0..n-1), then the
 *                        internal messages they caused, in the order they were sent
 * @param blockTimeMillis the block's timestamp, chosen by its proposer and the same on every validator
 * @param sender          who signed the originating transaction
 * @param caller          for an internal message, the contract instance that sent it; null for a transaction.
 *                        Contracts that hold value authorise internal calls by {@code caller}, never by
 *                        {@code sender}, so a contract cannot spend on behalf of whoever happened to call it.
 * @param origin          the hash of the block transaction this execution descends from
 */
public record ExecutionContext(long height, int index, long blockTimeMillis, PublicKey sender,
                               ContractAddress caller, Hash origin) {

    public ExecutionContext {
        if (height < 0 || index < 0) {
            throw new IllegalArgumentException("height and index must be >= 0, got " + height + ", " + index);
        }
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean isInternal() {
        return caller != null;
    }
}
