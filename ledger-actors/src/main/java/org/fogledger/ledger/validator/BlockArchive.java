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
    /** Committed blocks read at a time for proof material. */
    static final int MATERIAL_READ_CHUNK = 16;
    /** Block bytes one proof-material read reads at most (beyond what it answers, blocks are read whole). */
    static final long MATERIAL_READ_BYTES = 32L * 1024 * 1024;
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
        List<CommittedBlock> first = store.range(height, height);
        if (first.isEmpty()) {
            return new ProofMaterialAnswer.Refused(height, ProofMaterialAnswer.NOT_COMMITTED, "block " + height
                    + " is not in this validator's committed-block store yet");
        }
        List<BlockResults> anchorResults = results.range(height, height);
        if (anchorResults.isEmpty()) {
            return new ProofMaterialAnswer.Refused(height, ProofMaterialAnswer.NOT_EXECUTED, "block " + height
                    + " is committed but this validator has not executed it (or executed it before it kept results)");
        }
        CommittedBlock anchor = first.get(0);
        long bytes = anchor.block().encodedSize() + anchorResults.get(0).encode().length;
        if (bytes > maxBytes) {
            return new ProofMaterialAnswer.Refused(height, ProofMaterialAnswer.TOO_LARGE, "block " + height
                    + " and its results take " + bytes + " bytes, more than the " + maxBytes + " an answer carries");
        }
        List<CertifiedHeader> chain = new ArrayList<>();
        chain.add(CertifiedHeader.of(anchor));
        // Blocks are stored whole: read them a few at a time and stop at the answer's budget or the read budget,
        // so a request for many blocks of a busy chain reads no more than it can answer.
        long read = anchor.block().encodedSize();
        boolean full = false;
        for (long from = height + 1; from <= to && !full; from += MATERIAL_READ_CHUNK) {
            List<CommittedBlock> chunk = store.range(from, Math.min(to, from + MATERIAL_READ_CHUNK - 1));
            for (CommittedBlock next : chunk) {
                long size = next.block().header().encode().length + next.certificate().encode().length;
                if (next.height() != height + chain.size() || bytes + size > maxBytes
                        || read > MATERIAL_READ_BYTES) {
                    full = true;
                    break;
                }
                bytes += size;
                read += next.block().encodedSize();
                chain.add(CertifiedHeader.of(next));
            }
            full |= chunk.isEmpty();
        }
        List<BlockResults> kept = new ArrayList<>(anchorResults);
        if (chain.size() > 1) {
            for (BlockResults next : results.range(height + 1, height + chain.size() - 1)) {
                long size = next.encode().length;
                if (bytes + size > maxBytes) {
                    break;
                }
                bytes += size;
                kept.add(next);
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
