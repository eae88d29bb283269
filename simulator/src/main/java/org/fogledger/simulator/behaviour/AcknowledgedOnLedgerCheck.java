package org.fogledger.simulator.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.simulator.report.CheckResult;

/**
 * Every acknowledged transaction is on the ledger: a sample of the receipts that said committed OK is checked at the
 * end against the committed chain, whose block at the receipt's height must be the block the receipt named (the
 * chain is read from the ledger, not from the validator that gave the receipt, where a client can ask others).
 */
final class AcknowledgedOnLedgerCheck {
    static final String NAME = "every acknowledged transaction is on the ledger";

    /** What a receipt said: the transaction, what it did, and where it was committed. */
    record Acknowledged(Hash txHash, String what, long height, int index, Hash blockHash) {
    }

    private final Reservoir<Acknowledged> acknowledged;

    AcknowledgedOnLedgerCheck(int sample, long seed) {
        this.acknowledged = new Reservoir<>(sample, seed);
    }

    void acknowledged(Acknowledged receipt) {
        acknowledged.offer(receipt);
    }

    long count() {
        return acknowledged.offered();
    }

    /** @param committedBlockAt the hash of the committed block at a height, empty when there is none (yet) */
    CheckResult verify(LongFunction<CompletionStage<Optional<Hash>>> committedBlockAt, Duration timeout) {
        CheckTally tally = new CheckTally(NAME);
        List<Acknowledged> sample = acknowledged.sample();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Acknowledged receipt : sample) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                Optional<Hash> onChain = committedBlockAt.apply(receipt.height()).toCompletableFuture()
                        .get(left, TimeUnit.NANOSECONDS);
                if (onChain.isPresent() && onChain.get().equals(receipt.blockHash())) {
                    tally.passed();
                } else {
                    tally.violated(receipt.what() + " (tx " + receipt.txHash().shortHex() + ") acknowledged in block "
                            + receipt.blockHash().shortHex() + " at height " + receipt.height() + ", but the ledger "
                            + onChain.map(hash -> "has block " + hash.shortHex()).orElse("has no block") + " there");
                }
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                tally.violated(receipt.what() + " (tx " + receipt.txHash().shortHex() + "): the ledger could not be "
                        + "read: " + cause);
            }
        }
        return tally.result();
    }
}
