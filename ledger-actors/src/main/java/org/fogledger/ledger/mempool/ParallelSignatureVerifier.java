package org.fogledger.ledger.mempool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.consensus.SignatureVerifier;

/**
 * Verifies the signatures of a batch of transactions on all cores, through a {@link BoundedVerificationCache}, so a
 * transaction is verified once per validator whatever the number of times and routes it arrives by.
 *
 * <p>Owns a fixed pool of daemon threads (one per core by default) and must be {@link #close() closed}. The
 * validator actor hands it a batch of submitted transactions and gives the answers to the {@link Mempool}, which
 * stays single-threaded and pure. Small batches are verified on the caller's thread: handing them over would cost
 * more than it saves.
 */
public final class ParallelSignatureVerifier implements AutoCloseable {
    /** Below this many transactions a batch is verified on the caller's thread. */
    static final int INLINE_BATCH = 4;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final BoundedVerificationCache cache;
    private final SignatureVerifier delegate;
    private final int threads;
    private final ExecutorService executor;

    /**
     * @param cache    answers shared with the consensus core's verifier
     * @param delegate the cryptography ({@link SignatureVerifier#direct()} in a node)
     * @param threads  worker threads, at least 1
     */
    public ParallelSignatureVerifier(BoundedVerificationCache cache, SignatureVerifier delegate, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.cache = Objects.requireNonNull(cache, "cache");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.threads = threads;
        this.executor = Executors.newFixedThreadPool(threads, daemonThreads("fogledger-sigverify-"
                + POOLS.incrementAndGet() + "-"));
    }

    /** One worker per available processor, verifying with the cryptography directly. */
    public static ParallelSignatureVerifier create(BoundedVerificationCache cache) {
        return new ParallelSignatureVerifier(cache, SignatureVerifier.direct(),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Whether each transaction's signature is valid, in input order: {@code result[i]} is the answer for
     * {@code transactions.get(i)}. Blocks until all are verified.
     *
     * @throws IllegalStateException if closed, or if the calling thread is interrupted (its flag is restored)
     */
    public boolean[] verifyAll(List<Transaction> transactions) {
        if (executor.isShutdown()) {
            throw new IllegalStateException("ParallelSignatureVerifier is closed");
        }
        int n = transactions.size();
        boolean[] results = new boolean[n];
        if (n < INLINE_BATCH || threads == 1) {
            verifyRange(transactions, results, 0, n);
            return results;
        }
        // A few chunks per thread, so that a slow chunk (ML-DSA keys, cache misses) does not leave cores idle.
        int chunks = Math.min(n, threads * 4);
        List<Callable<Void>> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks.add(() -> {
                verifyRange(transactions, results, from, to);
                return null;
            });
        }
        List<Future<Void>> futures;
        try {
            futures = executor.invokeAll(tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying signatures", e);
        }
        for (Future<Void> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying signatures", e);
            } catch (CancellationException e) {
                throw new IllegalStateException("signature verification cancelled (verifier closed?)", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("signature verification failed", cause);
            }
        }
        // invokeAll's completion happens-before its return, so the workers' writes to results are visible here.
        return results;
    }

    /** {@link #verifyAll} as a list, for callers that prefer one. */
    public List<Boolean> verifyAllAsList(List<Transaction> transactions) {
        boolean[] results = verifyAll(transactions);
        List<Boolean> list = new ArrayList<>(results.length);
        for (boolean valid : results) {
            list.add(valid);
        }
        return list;
    }

    public BoundedVerificationCache cache() {
        return cache;
    }

    public int threads() {
        return threads;
    }

    /** Stops the workers; batches in flight finish first (for at most 10 s). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void verifyRange(List<Transaction> transactions, boolean[] results, int from, int to) {
        for (int i = from; i < to; i++) {
            Transaction tx = transactions.get(i);
            results[i] = tx != null && cache.verify(tx, delegate);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
