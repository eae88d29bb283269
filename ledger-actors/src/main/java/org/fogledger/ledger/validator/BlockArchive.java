package org.fogledger.ledger.validator;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.persistence.jdbc.db.SlickDatabase;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.trace.CertifiedHeader;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.storage.CommittedBlockStore;
import org.fogledger.ledger.storage.ExecutionResultsStore;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StoredChainConflictException;

/**
 * The validator's {@link CommittedBlockStore}, off the actor's thread. Appends run on one thread, in the order they
 * were asked for (commits are contiguous), and those that queued up while a write was running go together in the
 * next transaction (a validator catching up commits block after block); reads for peers run on another thread, at
 * most {@link #MAX_PENDING_READS} at a time, so a peer asking for old blocks can neither hold up this validator's
 * commits nor queue unbounded work.
 */
final class BlockArchive implements AutoCloseable {
    static final int MAX_PENDING_READS = 8;
    private static final int APPEND_ATTEMPTS = 3;

    private final CommittedBlockStore store;
    private final ExecutionResultsStore results;
    private final ExecutorService writer;
    private final ExecutorService reader;
    private final AtomicInteger pendingReads = new AtomicInteger();
    private final Queue<PendingAppend> pendingAppends = new ConcurrentLinkedQueue<>();

    private record PendingAppend(List<CommittedBlock> blocks, CompletableFuture<Long> done) {
    }

    BlockArchive(CommittedBlockStore store, ExecutionResultsStore results, String name) {
        this.store = store;
        this.results = results;
        this.writer = Executors.newSingleThreadExecutor(daemon("fogledger-archive-" + name));
        this.reader = Executors.newSingleThreadExecutor(daemon("fogledger-archive-read-" + name));
    }

    /**
     * The archive on the node's own storage: the tables {@link JournalSettings} pointed the journal at, through the
     * journal's connection pool (one pool per node).
     */
    static BlockArchive onJournalStorage(ClassicActorSystemProvider system, Config config, String name) {
        if (!config.hasPath(JournalSettings.NODE_SCHEMA_KEY)) {
            throw new IllegalStateException("the validator's storage is not configured: start the node with the "
                    + "configuration of org.fogledger.ledger.storage.JournalSettings.prepare (missing "
                    + JournalSettings.NODE_SCHEMA_KEY + ")");
        }
        SlickDatabase database = ((SlickExtensionImpl) SlickExtension.get(system))
                .database(config.getConfig(JournalSettings.JOURNAL_PLUGIN));
        CodecLimits limits = config.hasPath("fogledger.codec")
                ? CodecLimits.fromMap(config.getConfig("fogledger.codec").root().unwrapped())
                : CodecLimits.DEFAULT;
        CommittedBlockStore.Connections connections = () -> database.database().source().createConnection();
        String schema = config.getString(JournalSettings.NODE_SCHEMA_KEY);
        return new BlockArchive(new CommittedBlockStore(connections, schema, limits),
                new ExecutionResultsStore(connections, schema, limits), name);
    }

    /** The height of the last stored block (-1 if none). */
    CompletableFuture<Long> tipHeight() {
        return CompletableFuture.supplyAsync(store::tipHeight, writer);
    }

    /**
     * Appends committed blocks after those asked for before; completes with the store's tip once they are durable. A
     * failed write is tried again (it is idempotent: blocks already stored are only compared); a conflict is not.
     */
    CompletableFuture<Long> append(List<CommittedBlock> blocks) {
        PendingAppend append = new PendingAppend(List.copyOf(blocks), new CompletableFuture<>());
        pendingAppends.add(append);
        writer.execute(this::writePending);
        return append.done();
    }

    /** Writes every append queued so far in one transaction (an earlier run may have taken them all). */
    private void writePending() {
        List<PendingAppend> batch = new ArrayList<>();
        List<CommittedBlock> blocks = new ArrayList<>();
        for (PendingAppend next = pendingAppends.poll(); next != null; next = pendingAppends.poll()) {
            batch.add(next);
            blocks.addAll(next.blocks());
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            long tip = appendWithRetries(blocks);
            batch.forEach(append -> append.done().complete(tip));
        } catch (RuntimeException e) {
            batch.forEach(append -> append.done().completeExceptionally(e));
        }
    }

    private long appendWithRetries(List<CommittedBlock> blocks) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= APPEND_ATTEMPTS; attempt++) {
            try {
                return store.append(blocks);
            } catch (StoredChainConflictException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
                pause(100L * attempt * attempt);
            }
        }
        throw last;
    }

    /** A peer's request served from the store; empty when {@link #MAX_PENDING_READS} reads are already pending. */
    Optional<CompletableFuture<List<ChainedBlock>>> chainEndingAt(Hash hash, int maxBlocks, long maxBytes) {
        if (pendingReads.incrementAndGet() > MAX_PENDING_READS) {
            pendingReads.decrementAndGet();
            return Optional.empty();
        }
        CompletableFuture<List<ChainedBlock>> read;
        try {
            read = CompletableFuture.supplyAsync(() -> store.chainEndingAt(hash, maxBlocks, maxBytes), reader);
        } catch (RuntimeException e) {
            pendingReads.decrementAndGet();
            throw e;
        }
        return Optional.of(read.whenComplete((chain, failure) -> pendingReads.decrementAndGet()));
    }

    /** Stored committed blocks {@code from..to} (inclusive), for a contract host resuming below the window. */
    CompletableFuture<List<CommittedBlock>> range(long from, long to) {
        return CompletableFuture.supplyAsync(() -> store.range(from, to), reader);
    }

    /** Hashes of stored blocks from {@code fromHeight}, consecutive, at most {@code max}. */
    CompletableFuture<List<Hash>> hashesFrom(long fromHeight, int max) {
        return CompletableFuture.supplyAsync(() -> store.hashesFrom(fromHeight, max), reader);
    }

    /**
     * Keeps a block's execution results, on the writer thread after the appends asked for before (a block's
     * results always follow its commit). Idempotent; the contract host checkpoints the block once this completes.
     */
    CompletableFuture<Void> keepResults(BlockResults executed) {
        return CompletableFuture.runAsync(() -> results.put(executed), writer);
    }

    /**
     * The material of an audit proof for block {@code height} (at or below {@code durableHeight}, the committed
     * height the journal holds): the block, the results and the certified headers from it on, at most
     * {@code maxBlocks} of each and {@code maxBytes} in all; empty when {@link #MAX_PENDING_READS} reads are already
     * pending.
     */
    Optional<CompletableFuture<ProofMaterialAnswer>> proofMaterial(long height, int maxBlocks, long maxBytes,
                                                                  long durableHeight) {
        if (pendingReads.incrementAndGet() > MAX_PENDING_READS) {
            pendingReads.decrementAndGet();
            return Optional.empty();
        }
        CompletableFuture<ProofMaterialAnswer> read;
        try {
            read = CompletableFuture.supplyAsync(() -> readMaterial(height, maxBlocks, maxBytes, durableHeight),
                    reader);
        } catch (RuntimeException e) {
            pendingReads.decrementAndGet();
            throw e;
        }
        return Optional.of(read.whenComplete((answer, failure) -> pendingReads.decrementAndGet()));
    }

    private ProofMaterialAnswer readMaterial(long height, int maxBlocks, long maxBytes, long durableHeight) {
        long to = Math.min(durableHeight, height + Math.max(1, maxBlocks) - 1);
        List<CommittedBlock> blocks = store.range(height, to);
        if (blocks.isEmpty() || blocks.get(0).height() != height) {
            return new ProofMaterialAnswer.Refused(height, ProofMaterialAnswer.NOT_COMMITTED, "block " + height
                    + " is not in this validator's committed-block store yet");
        }
        List<BlockResults> executed = results.range(height, to);
        if (executed.isEmpty()) {
            return new ProofMaterialAnswer.Refused(height, ProofMaterialAnswer.NOT_EXECUTED, "block " + height
                    + " is committed but this validator has not executed it yet");
        }
        CommittedBlock anchor = blocks.get(0);
        long bytes = anchor.block().encodedSize() + executed.get(0).encode().length;
        if (bytes > maxBytes) {
            return new ProofMaterialAnswer.Refused(height, ProofMaterialAnswer.TOO_LARGE, "block " + height
                    + " and its results take " + bytes + " bytes, more than the " + maxBytes + " an answer carries");
        }
        List<CertifiedHeader> chain = new ArrayList<>();
        List<BlockResults> kept = new ArrayList<>();
        chain.add(CertifiedHeader.of(anchor));
        kept.add(executed.get(0));
        for (int i = 1; i < blocks.size() && blocks.get(i).height() == height + i; i++) {
            CommittedBlock next = blocks.get(i);
            bytes += next.block().header().encode().length + next.certificate().encode().length;
            if (bytes > maxBytes) {
                break;
            }
            chain.add(CertifiedHeader.of(next));
            if (i < executed.size() && kept.size() == i) {
                long size = executed.get(i).encode().length;
                if (bytes + size <= maxBytes) {
                    bytes += size;
                    kept.add(executed.get(i));
                }
            }
        }
        return new ProofMaterialAnswer.ProofMaterial(anchor.block(), kept, chain, durableHeight);
    }

    /** Stops the threads; appends still queued never complete (a restart commits them again). */
    @Override
    public void close() {
        writer.shutdownNow();
        reader.shutdownNow();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing committed blocks", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
