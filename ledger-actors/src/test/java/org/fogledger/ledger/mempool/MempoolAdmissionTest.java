package org.fogledger.ledger.mempool;

import static org.fogledger.ledger.mempool.MempoolFixtures.CHAIN;
import static org.fogledger.ledger.mempool.MempoolFixtures.config;
import static org.fogledger.ledger.mempool.MempoolFixtures.sender;
import static org.fogledger.ledger.mempool.MempoolFixtures.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class MempoolAdmissionTest {
    private final PublicKey alice = sender(1);
    private final PublicKey bob = sender(2);
    private final String aliceName = Mempool.name(alice);

    private static Admission.Refused refused(Admission admission, RefusalReason reason) {
        Admission.Refused refusal = assertInstanceOf(Admission.Refused.class, admission, "expected a refusal");
        assertEquals(reason, refusal.reason(), refusal.message());
        return refusal;
    }

    @Test
    void admits_a_valid_transaction_and_names_its_hash() {
        Mempool mempool = new Mempool(config(10, 5));
        Transaction tx = tx(alice, 0);

        Admission admission = mempool.admit(tx, true);

        assertEquals(new Admission.Admitted(tx.hash()), admission);
        assertTrue(admission.admitted());
        assertTrue(mempool.contains(tx.hash()));
        assertEquals(1, mempool.size());
        assertEquals(tx.encodedSize(), mempool.pendingBytes());
    }

    @Test
    void refuses_a_bad_signature_naming_transaction_and_sender() {
        Mempool mempool = new Mempool(config(10, 5));
        Transaction tx = tx(alice, 0);

        var refusal = refused(mempool.admit(tx, false), RefusalReason.BAD_SIGNATURE);

        assertEquals("signature of transaction " + tx.hash().shortHex() + " does not verify for sender " + aliceName,
                refusal.message());
        assertTrue(mempool.isEmpty());
    }

    @Test
    void refuses_another_chain_naming_both_chain_ids() {
        Mempool mempool = new Mempool(config(10, 5));

        var refusal = refused(mempool.admit(tx("other-chain", alice, 0, 8, 0), true), RefusalReason.WRONG_CHAIN);

        assertEquals("chain id 'other-chain' is not this chain's '" + CHAIN + "'", refusal.message());
    }

    @Test
    void refuses_a_transaction_above_the_size_limit_naming_size_and_limit() {
        Mempool mempool = new Mempool(config(10, 5));
        Transaction big = tx(alice, 0, 2000);

        var refusal = refused(mempool.admit(big, true), RefusalReason.TOO_LARGE);

        assertEquals("transaction is " + big.encodedSize() + " bytes, limit 1024", refusal.message());
        assertTrue(mempool.admit(tx(alice, 0, 800), true).admitted(), "a transaction under the limit passes");
    }

    @Test
    void drops_duplicates_by_hash() {
        Mempool mempool = new Mempool(config(10, 5));
        Transaction tx = tx(alice, 0);
        mempool.admit(tx, true);

        var refusal = refused(mempool.admit(tx(alice, 0), true), RefusalReason.DUPLICATE);

        assertEquals("transaction " + tx.hash().shortHex() + " is already pending", refusal.message());
        assertEquals(1, mempool.size());
    }

    @Test
    void refuses_a_second_pending_transaction_with_the_same_nonce_first_wins() {
        Mempool mempool = new Mempool(config(10, 5));
        Transaction first = tx(CHAIN, alice, 3, 8, 1);
        Transaction second = tx(CHAIN, alice, 3, 8, 2);
        mempool.admit(first, true);

        var refusal = refused(mempool.admit(second, true), RefusalReason.NONCE_USED);

        assertEquals("nonce 3 of sender " + aliceName + " is already taken by pending transaction "
                + first.hash().shortHex(), refusal.message());
        assertTrue(mempool.contains(first.hash()));
        assertFalse(mempool.contains(second.hash()));
        assertTrue(mempool.admit(tx(bob, 3), true).admitted(), "nonces are per sender");
    }

    @Test
    void a_committed_nonce_is_refused_afterwards_and_unused_lower_ones_stay_usable() {
        Mempool mempool = new Mempool(config(10, 5));
        Transaction eight = tx(alice, 8);
        mempool.admit(eight, true);
        assertEquals(0, mempool.nextNonce(alice));

        mempool.onCommitted(List.of(eight));

        assertTrue(mempool.isEmpty(), "committed transactions leave the pool");
        var replay = refused(mempool.admit(eight, true), RefusalReason.NONCE_USED);
        assertEquals("nonce 8 already used by sender " + aliceName + " (lowest unused 0)", replay.message());
        var sameNonceOtherPayload = refused(mempool.admit(tx(CHAIN, alice, 8, 3, 9), true), RefusalReason.NONCE_USED);
        assertTrue(sameNonceOtherPayload.message().startsWith("nonce 8 already used"));
        assertTrue(mempool.admit(tx(alice, 5), true).admitted(),
                "another leader may order a higher nonce first: lower unused nonces stay usable");
        assertTrue(mempool.admit(tx(bob, 0), true).admitted(), "other senders are unaffected");
    }

    @Test
    void a_transaction_judged_on_its_own_meets_the_checks_of_admission_and_enters_nothing() {
        Mempool mempool = new Mempool(config(10, 5));
        mempool.onCommitted(List.of(tx(alice, 8)));

        assertEquals(null, mempool.refusalOnItsOwn(tx(alice, 9), true));
        assertEquals(RefusalReason.NONCE_USED, mempool.refusalOnItsOwn(tx(alice, 8), true).reason());
        assertEquals(RefusalReason.BAD_SIGNATURE, mempool.refusalOnItsOwn(tx(alice, 9), false).reason());
        assertEquals(RefusalReason.WRONG_CHAIN, mempool.refusalOnItsOwn(tx("other", alice, 9, 3, 1), true).reason());
        assertEquals(mempool.admit(tx(alice, 8), true), mempool.refusalOnItsOwn(tx(alice, 8), true),
                "the same refusal, word for word, as a submission");
        assertTrue(mempool.isEmpty(), "judging admits nothing");
    }

    @Test
    void a_restarted_mempool_given_the_restored_nonce_table_refuses_replays_of_what_committed_before() {
        Mempool before = new Mempool(config(10, 5));
        before.onCommitted(List.of(tx(alice, 0), tx(alice, 1), tx(alice, 5), tx(bob, 3)));

        Mempool restarted = new Mempool(config(10, 5));
        restarted.restoreUsedNonces(UsedNonceTable.restore(before.usedNonces().export()));

        refused(restarted.admit(tx(alice, 5), true), RefusalReason.NONCE_USED);
        refused(restarted.admit(tx(bob, 3), true), RefusalReason.NONCE_USED);
        assertTrue(restarted.admit(tx(alice, 2), true).admitted(), "an unused nonce below a used one stays usable");
        assertEquals(before.usedNonces(), restarted.usedNonces());
        restarted.onCommitted(List.of(tx(alice, 7)));
        assertFalse(before.usedNonces().isUsed(alice, 7), "the restored table is a copy");
    }

    @Test
    void the_lowest_unused_nonce_rises_as_the_gaps_below_it_fill() {
        Mempool mempool = new Mempool(config(10, 5));
        mempool.onCommitted(List.of(tx(alice, 1), tx(alice, 2)));
        assertEquals(0, mempool.nextNonce(alice));
        mempool.onCommitted(List.of(tx(alice, 0)));
        assertEquals(3, mempool.nextNonce(alice));
    }

    @Test
    void gaps_in_nonces_are_allowed() {
        Mempool mempool = new Mempool(config(10, 5));

        assertTrue(mempool.admit(tx(alice, 0), true).admitted());
        assertTrue(mempool.admit(tx(alice, 7), true).admitted());
        assertTrue(mempool.admit(tx(alice, 3), true).admitted());

        assertEquals(List.of(0L, 3L, 7L), mempool.select(10, 1 << 20, h -> false).stream()
                .map(Transaction::nonce).toList(), "a sender's transactions come in nonce order");
    }

    @Test
    void a_commit_drops_a_pending_rival_with_the_same_nonce_since_it_can_never_execute() {
        Mempool mempool = new Mempool(config(10, 5));
        Transaction two = tx(alice, 2);
        Transaction five = tx(alice, 5);
        Transaction six = tx(alice, 6);
        mempool.admit(two, true);
        mempool.admit(five, true);
        mempool.admit(six, true);

        // Another leader ordered a different transaction of alice with nonce 5 first.
        mempool.onCommitted(List.of(tx(CHAIN, alice, 5, 8, 9)));

        assertEquals(2, mempool.size());
        assertTrue(mempool.contains(two.hash()), "nonce 2 is still unused");
        assertTrue(mempool.contains(six.hash()));
        assertFalse(mempool.contains(five.hash()));
        assertEquals(two.encodedSize() + six.encodedSize(), mempool.pendingBytes());
    }

    @Test
    void refuses_senders_refused_by_policy_and_drops_their_pending_transactions() {
        Mempool mempool = new Mempool(config(10, 5));
        mempool.admit(tx(alice, 0), true);
        mempool.admit(tx(alice, 1), true);
        mempool.admit(tx(bob, 0), true);

        assertEquals(2, mempool.setRefusedSenders(Set.of(alice)));

        assertEquals(1, mempool.size());
        var refusal = refused(mempool.admit(tx(alice, 2), true), RefusalReason.SENDER_REFUSED);
        assertEquals("sender " + aliceName + " is refused by policy", refusal.message());
        assertTrue(mempool.admit(tx(bob, 1), true).admitted());

        mempool.setRefusedSenders(key -> false);
        assertTrue(mempool.admit(tx(alice, 2), true).admitted(), "a lifted refusal admits again");
    }

    @Test
    void holds_each_sender_to_its_quota_and_says_retry_later() {
        Mempool mempool = new Mempool(config(100, 3));
        for (int nonce = 0; nonce < 3; nonce++) {
            assertTrue(mempool.admit(tx(alice, nonce), true).admitted());
        }

        var refusal = refused(mempool.admit(tx(alice, 3), true), RefusalReason.SENDER_QUOTA_FULL);

        assertEquals("sender " + aliceName + " has 3 pending; retry later", refusal.message());
        assertTrue(refusal.reason().retryLater());
        assertTrue(mempool.admit(tx(bob, 0), true).admitted(), "other senders still get in");
        mempool.onCommitted(List.of(tx(alice, 0)));
        assertTrue(mempool.admit(tx(alice, 3), true).admitted(), "room again once a block drained the sender");
    }

    @Test
    void when_full_submitters_are_told_to_retry_later_and_nothing_is_evicted() {
        Mempool mempool = new Mempool(config(4, 2));
        List<Transaction> first = List.of(tx(sender(1), 0), tx(sender(1), 1), tx(sender(2), 0), tx(sender(3), 0));
        first.forEach(tx -> assertTrue(mempool.admit(tx, true).admitted()));

        var refusal = refused(mempool.admit(tx(sender(4), 0), true), RefusalReason.MEMPOOL_FULL);

        assertEquals("mempool full (4 transactions pending), retry later", refusal.message());
        assertTrue(refusal.message().contains("retry later"));
        assertTrue(refusal.reason().retryLater());
        assertEquals(4, mempool.size());
        first.forEach(tx -> assertTrue(mempool.contains(tx.hash())));

        mempool.removeAll(List.of(first.get(0).hash()));
        assertTrue(mempool.admit(tx(sender(4), 0), true).admitted(), "admits again once a slot is free");
    }

    @Test
    void the_byte_budget_is_back_pressure_too() {
        Transaction sample = tx(alice, 0, 100);
        Mempool mempool = new Mempool(new MempoolConfig(CHAIN, 100, 100, sample.encodedSize(),
                2L * sample.encodedSize()));
        mempool.admit(sample, true);
        mempool.admit(tx(alice, 1, 100), true);

        var refusal = refused(mempool.admit(tx(alice, 2, 100), true), RefusalReason.MEMPOOL_FULL);

        assertEquals("mempool full (" + 2 * sample.encodedSize() + " of " + 2 * sample.encodedSize()
                + " bytes pending), retry later", refusal.message());
    }

    @Test
    void final_refusals_are_not_retry_later() {
        for (RefusalReason reason : RefusalReason.values()) {
            boolean backPressure = reason == RefusalReason.MEMPOOL_FULL || reason == RefusalReason.SENDER_QUOTA_FULL;
            assertEquals(backPressure, reason.retryLater(), reason.name());
        }
    }

    @Test
    void add_all_from_the_core_counts_pending_ones_and_admits_new_ones_as_verified() {
        Mempool mempool = new Mempool(config(10, 5));
        Transaction admittedByHost = tx(alice, 0);
        Transaction onlyThroughCore = tx(alice, 1);
        Transaction committed = tx(bob, 0);
        Transaction otherChain = tx("other-chain", bob, 1, 8, 0);
        mempool.admit(admittedByHost, true);

        int waiting = mempool.addAll(List.of(admittedByHost, onlyThroughCore, committed, otherChain),
                Set.of(committed.hash()));

        assertEquals(2, waiting, "the host's own admission still wakes an idle leader");
        assertEquals(2, mempool.size());
        assertTrue(mempool.contains(onlyThroughCore.hash()));
        assertFalse(mempool.contains(committed.hash()));
    }

    @Test
    void remove_all_ignores_unknown_hashes_and_keeps_accounting_straight() {
        Mempool mempool = new Mempool(config(10, 5));
        Transaction a = tx(alice, 0);
        Transaction b = tx(bob, 0);
        mempool.admit(a, true);
        mempool.admit(b, true);

        mempool.removeAll(List.of(a.hash(), tx(alice, 99).hash()));

        assertEquals(1, mempool.size());
        assertEquals(b.encodedSize(), mempool.pendingBytes());
        assertEquals(0, mempool.pendingFrom(alice));
        assertEquals(1, mempool.senderCount());
        assertTrue(mempool.admit(tx(alice, 0), true).admitted(), "removed is not committed: the nonce is free");
    }

    @Test
    void config_refuses_inconsistent_limits() {
        assertThrows(IllegalArgumentException.class, () -> new MempoolConfig(CHAIN, 0, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> new MempoolConfig(CHAIN, 10, 11, 100));
        assertThrows(IllegalArgumentException.class, () -> new MempoolConfig("", 10, 1, 100));
        assertThrows(IllegalArgumentException.class, () -> new MempoolConfig(CHAIN, 10, 1, 100, 99));
        assertEquals(1000L, new MempoolConfig(CHAIN, 10, 1, 100).maxPendingBytes());
    }
}
