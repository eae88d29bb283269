package org.fogledger.ledger.contract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The order in which one committed block executes, as a pure state machine: the block's transactions in block
 * order, then the internal messages they sent, first sent first run (breadth first), up to the block's limit.
 * The caller runs each {@link Invocation} that {@link #next()} hands out, in whatever way it likes (in memory, or
 * through event-sourced instance actors), and reports back with {@link #complete}. Both hosts thus share one
 * definition of order, which the results hash depends on.
 *
 * <p>Executions that need no contract are settled here and never handed out: an address that does not parse, or
 * one naming a contract the catalog does not know, fails with {@code bad-address} or {@code unknown-contract}.
 */
public final class BlockExecution {
    private final long height;
    private final long blockTimeMillis;
    private final int transactionCount;
    private final Hash previousResultsHash;
    private final Predicate<String> knownContract;
    private final ExecutionLimits limits;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final List<ExecutionRecord> records = new ArrayList<>();
    private int internalAccepted;
    private Pending running;

    private record Pending(Hash origin, PublicKey sender, ContractAddress caller, String address, String command,
                           byte[] payload) {
    }

    /**
     * @param previousResultsHash the results hash of block {@code height - 1} (genesis' claim for block 1), which
     *                            this block's results hash chains to (see {@link BlockResults})
     */
    public BlockExecution(long height, long blockTimeMillis, List<Transaction> transactions,
                          Hash previousResultsHash, Predicate<String> knownContract, ExecutionLimits limits) {
        this.height = height;
        this.previousResultsHash = Objects.requireNonNull(previousResultsHash, "previousResultsHash");
        this.blockTimeMillis = blockTimeMillis;
        this.transactionCount = transactions.size();
        this.knownContract = Objects.requireNonNull(knownContract, "knownContract");
        this.limits = Objects.requireNonNull(limits, "limits");
        for (Transaction tx : transactions) {
            queue.add(new Pending(tx.hash(), tx.sender(), null, tx.contract(), tx.command(), tx.payload()));
        }
    }

    public long height() {
        return height;
    }

    /**
     * The next invocation to run, or null once the block is done. Call {@link #complete} before asking again.
     */
    public Invocation next() {
        if (running != null) {
            throw new IllegalStateException("execution " + records.size() + " of block " + height
                    + " was handed out and not completed");
        }
        while (!queue.isEmpty()) {
            Pending pending = queue.poll();
            int index = records.size();
            ContractAddress address;
            try {
                address = ContractAddress.parse(pending.address());
            } catch (IllegalArgumentException e) {
                record(index, pending, ExecutionReport.failed("bad-address", e.getMessage()));
                continue;
            }
            if (!knownContract.test(address.contract())) {
                record(index, pending, ExecutionReport.failed("unknown-contract",
                        "no contract named '" + address.contract() + "' is deployed"));
                continue;
            }
            running = pending;
            return new Invocation(address, pending.command(), pending.payload(),
                    new ExecutionContext(height, index, blockTimeMillis, pending.sender(), pending.caller(),
                            pending.origin()));
        }
        return null;
    }

    /** Reports what the invocation last handed out did; its messages join the end of the queue. */
    public void complete(ExecutionReport report) {
        if (running == null) {
            throw new IllegalStateException("no execution of block " + height + " is running");
        }
        Pending done = running;
        running = null;
        int index = records.size();
        record(index, done, report);
        ContractAddress self = ContractAddress.parse(done.address());
        for (ContractMessage message : report.messages()) {
            if (internalAccepted >= limits.maxInternalMessagesPerBlock()) {
                // Still recorded, so a sender can see its message was dropped and why.
                records.add(new ExecutionRecord(records.size(), done.origin(), true, message.target().toString(),
                        message.command(), ContractResult.failed("internal-message-limit", "block " + height
                        + " already ran " + limits.maxInternalMessagesPerBlock() + " internal messages"),
                        Executor.NO_EVENTS));
                continue;
            }
            internalAccepted++;
            queue.add(new Pending(done.origin(), done.sender(), self, message.target().toString(),
                    message.command(), message.payload()));
        }
    }

    public boolean isDone() {
        return running == null && queue.isEmpty();
    }

    /** The results, once {@link #next()} has returned null. */
    public BlockResults results() {
        if (!isDone()) {
            throw new IllegalStateException("block " + height + " is still executing");
        }
        return BlockResults.of(height, transactionCount, records, previousResultsHash);
    }

    private void record(int index, Pending pending, ExecutionReport report) {
        records.add(new ExecutionRecord(index, pending.origin(), pending.caller() != null, pending.address(),
                pending.command(), report.result(), report.eventsHash()));
    }
}
