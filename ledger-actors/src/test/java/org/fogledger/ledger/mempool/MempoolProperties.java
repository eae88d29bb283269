package org.fogledger.ledger.mempool;

import static org.fogledger.ledger.mempool.MempoolFixtures.CHAIN;
import static org.fogledger.ledger.mempool.MempoolFixtures.sender;
import static org.fogledger.ledger.mempool.MempoolFixtures.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/** Random sequences of admissions, selections, removals and commits never break the mempool's bounds. */
class MempoolProperties {
    private static final int SENDERS = 8;
    private static final MempoolConfig CONFIG = new MempoolConfig(CHAIN, 20, 6, 300, 3_000);

    sealed interface Op permits Admit, Select, Remove, Commit {
    }

    record Admit(int sender, long nonce, int payloadBytes, int variant, boolean signatureValid) implements Op {
    }

    /** Select with transactions whose hash's first byte is divisible by {@code excludeModulus} excluded (0: none). */
    record Select(int maxCount, int maxBytes, int excludeModulus) implements Op {
    }

    /** Remove the first {@code count} transactions a full selection returns. */
    record Remove(int count) implements Op {
    }

    /** Commit the next block of up to {@code count} transactions. */
    record Commit(int count) implements Op {
    }

    @Property(tries = 300)
    void bounds_hold_after_every_operation(@ForAll("operations") List<Op> operations) {
        Mempool mempool = new Mempool(CONFIG);
        Map<Hash, Transaction> everAdmitted = new HashMap<>();
        for (Op op : operations) {
            if (op instanceof Admit a) {
                Transaction tx = tx(CHAIN, sender(a.sender()), a.nonce(), a.payloadBytes(), a.variant());
                int before = mempool.size();
                boolean admitted = mempool.admit(tx, a.signatureValid()).admitted();
                assertEquals(before + (admitted ? 1 : 0), mempool.size());
                if (admitted) {
                    assertTrue(a.signatureValid(), "a bad signature is never admitted");
                    everAdmitted.put(tx.hash(), tx);
                }
            } else if (op instanceof Select s) {
                Predicate<Hash> excluded = s.excludeModulus() == 0 ? h -> false
                        : h -> (h.bytes()[0] & 0xff) % s.excludeModulus() == 0;
                checkSelection(mempool, mempool.select(s.maxCount(), s.maxBytes(), excluded), s.maxCount(),
                        s.maxBytes(), excluded);
            } else if (op instanceof Remove r) {
                List<Transaction> all = mempool.select(Integer.MAX_VALUE, Integer.MAX_VALUE, h -> false);
                List<Hash> gone = all.subList(0, Math.min(r.count(), all.size())).stream()
                        .map(Transaction::hash).toList();
                mempool.removeAll(gone);
                gone.forEach(h -> assertFalse(mempool.contains(h)));
            } else if (op instanceof Commit c) {
                List<Transaction> block = mempool.select(c.count(), Integer.MAX_VALUE, h -> false);
                mempool.onCommitted(block);
                for (Transaction tx : block) {
                    assertFalse(mempool.contains(tx.hash()));
                    assertFalse(mempool.admit(tx, true).admitted(), "a committed transaction never returns");
                    assertEquals(RefusalReason.NONCE_USED,
                            ((Admission.Refused) mempool.admit(tx, true)).reason());
                }
            }
            checkBounds(mempool, everAdmitted);
        }
    }

    private static void checkBounds(Mempool mempool, Map<Hash, Transaction> everAdmitted) {
        assertTrue(mempool.size() <= CONFIG.capacity(), "capacity exceeded: " + mempool);
        assertTrue(mempool.pendingBytes() <= CONFIG.maxPendingBytes(), "byte budget exceeded: " + mempool);
        int perSenderTotal = 0;
        for (int s = 0; s < SENDERS; s++) {
            int pending = mempool.pendingFrom(sender(s));
            assertTrue(pending <= CONFIG.maxPerSender(), "sender quota exceeded: " + pending);
            perSenderTotal += pending;
        }
        assertEquals(mempool.size(), perSenderTotal);
        List<Transaction> all = mempool.select(Integer.MAX_VALUE, Integer.MAX_VALUE, h -> false);
        assertEquals(mempool.size(), all.size(), "a selection without limits returns every pending transaction");
        assertEquals(mempool.pendingBytes(), all.stream().mapToLong(Transaction::encodedSize).sum());
        assertEquals(mempool.isEmpty(), all.isEmpty());
        for (Transaction tx : all) {
            assertTrue(everAdmitted.containsKey(tx.hash()), "only admitted transactions are pending");
        }
    }

    private static void checkSelection(Mempool mempool, List<Transaction> chosen, int maxCount, int maxBytes,
                                       Predicate<Hash> excluded) {
        assertTrue(chosen.size() <= Math.max(0, maxCount));
        assertTrue(chosen.stream().mapToLong(Transaction::encodedSize).sum() <= Math.max(0, maxBytes));
        Set<Hash> seen = new HashSet<>();
        Map<PublicKey, Long> lastNonce = new HashMap<>();
        for (Transaction tx : chosen) {
            assertTrue(seen.add(tx.hash()), "selected twice");
            assertTrue(mempool.contains(tx.hash()), "selected but not pending");
            assertFalse(excluded.test(tx.hash()), "selected although excluded");
            Long previous = lastNonce.put(tx.sender(), tx.nonce());
            assertTrue(previous == null || previous < tx.nonce(), "a sender's nonces out of order");
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> admit = Combinators.combine(
                Arbitraries.integers().between(0, SENDERS - 1),
                Arbitraries.longs().between(0, 12),
                Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(true, true, true, false))
                .as(Admit::new);
        Arbitrary<Op> select = Combinators.combine(
                Arbitraries.integers().between(-1, 25),
                Arbitraries.integers().between(-1, 4_000),
                Arbitraries.integers().between(0, 3))
                .as(Select::new);
        Arbitrary<Op> remove = Arbitraries.integers().between(0, 5).map(Remove::new);
        Arbitrary<Op> commit = Arbitraries.integers().between(0, 8).map(Commit::new);
        return Arbitraries.frequencyOf(
                Tuple.of(8, admit),
                Tuple.of(2, select),
                Tuple.of(1, remove),
                Tuple.of(1, commit))
                .list().ofMinSize(1).ofMaxSize(120);
    }
}
