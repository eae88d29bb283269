package org.fogledger.ledger.mempool;

import static org.fogledger.ledger.mempool.MempoolFixtures.config;
import static org.fogledger.ledger.mempool.MempoolFixtures.sender;
import static org.fogledger.ledger.mempool.MempoolFixtures.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class MempoolFairnessTest {
    private static final int BLOCK = 100;
    private static final int NO_BYTE_LIMIT = Integer.MAX_VALUE;

    @Test
    void a_flooding_sender_does_not_starve_three_normal_senders() {
        Mempool mempool = new Mempool(config(20_000, 10_000));
        PublicKey flooder = sender(0);
        List<PublicKey> normal = List.of(sender(1), sender(2), sender(3));
        for (int nonce = 0; nonce < 10_000; nonce++) {
            assertTrue(mempool.admit(tx(flooder, nonce), true).admitted());
        }
        Map<PublicKey, Long> nextNonce = new HashMap<>();
        Set<Transaction> normalPending = new HashSet<>();
        int blocks = 0;
        int normalCommitted = 0;
        while (!mempool.isEmpty()) {
            // The normal senders keep submitting ten each for the first five blocks, after the flood arrived.
            if (blocks < 5) {
                for (PublicKey s : normal) {
                    for (int i = 0; i < 10; i++) {
                        long nonce = nextNonce.merge(s, 1L, Long::sum) - 1;
                        Transaction tx = tx(s, nonce);
                        assertTrue(mempool.admit(tx, true).admitted());
                        normalPending.add(tx);
                    }
                }
            }

            List<Transaction> block = mempool.select(BLOCK, NO_BYTE_LIMIT, hash -> false);

            assertTrue(block.containsAll(normalPending),
                    "block " + blocks + " leaves out some of the normal senders' " + normalPending.size()
                            + " pending transactions");
            assertEquals(Math.min(BLOCK, mempool.size()), block.size(), "blocks are full while work is pending");
            normalCommitted += normalPending.size();
            normalPending.clear();
            mempool.onCommitted(block);
            blocks++;
        }
        assertEquals(150, normalCommitted);
        assertEquals(10_000 / BLOCK + 2, blocks, "the flood is drained at full speed beside them");
    }

    @Test
    void when_everyone_has_more_than_a_share_the_flooder_gets_exactly_its_share() {
        Mempool mempool = new Mempool(config(20_000, 10_000));
        PublicKey flooder = sender(0);
        for (int nonce = 0; nonce < 10_000; nonce++) {
            mempool.admit(tx(flooder, nonce), true);
        }
        for (int s = 1; s <= 3; s++) {
            for (int nonce = 0; nonce < 100; nonce++) {
                mempool.admit(tx(sender(s), nonce), true);
            }
        }

        List<Transaction> block = mempool.select(BLOCK, NO_BYTE_LIMIT, hash -> false);

        Map<PublicKey, Long> perSender = block.stream()
                .collect(Collectors.groupingBy(Transaction::sender, Collectors.counting()));
        assertEquals(Map.of(flooder, 25L, sender(1), 25L, sender(2), 25L, sender(3), 25L), perSender);
    }

    @Test
    void with_more_senders_than_room_in_a_block_everyone_is_served_in_turn() {
        Mempool mempool = new Mempool(config(5_000, 10));
        int senders = 250;
        for (int s = 0; s < senders; s++) {
            for (int nonce = 0; nonce < 5; nonce++) {
                mempool.admit(tx(sender(s), nonce), true);
            }
        }
        Set<PublicKey> served = new HashSet<>();

        for (int b = 0; b < 3; b++) {
            List<Transaction> block = mempool.select(BLOCK, NO_BYTE_LIMIT, hash -> false);
            assertEquals(BLOCK, block.size());
            Set<PublicKey> inBlock = block.stream().map(Transaction::sender).collect(Collectors.toSet());
            assertEquals(BLOCK, inBlock.size(), "one transaction per sender while senders outnumber slots");
            served.addAll(inBlock);
            mempool.onCommitted(block);
        }

        assertEquals(senders, served.size(), "within three blocks every one of 250 senders got in");
    }

    @Test
    void senders_rotate_even_if_a_proposal_is_never_committed() {
        Mempool mempool = new Mempool(config(1_000, 10));
        for (int s = 0; s < 4; s++) {
            mempool.admit(tx(sender(s), 0), true);
        }

        List<PublicKey> first = mempool.select(2, NO_BYTE_LIMIT, hash -> false).stream().map(Transaction::sender).toList();
        List<PublicKey> second = mempool.select(2, NO_BYTE_LIMIT, hash -> false).stream().map(Transaction::sender).toList();

        assertEquals(List.of(sender(0), sender(1)), first);
        assertEquals(List.of(sender(2), sender(3)), second);
    }

    @Test
    void transactions_in_ancestor_blocks_are_skipped_keeping_nonce_order() {
        Mempool mempool = new Mempool(config(1_000, 100));
        PublicKey alice = sender(1);
        List<Transaction> all = new ArrayList<>();
        for (int nonce = 0; nonce < 10; nonce++) {
            all.add(tx(alice, nonce));
            mempool.admit(all.get(nonce), true);
        }
        Set<Hash> inAncestors = Set.of(all.get(0).hash(), all.get(1).hash(), all.get(2).hash());

        List<Transaction> block = mempool.select(4, NO_BYTE_LIMIT, inAncestors::contains);

        assertEquals(all.subList(3, 7), block);
        assertEquals(10, mempool.size(), "selecting removes nothing");
    }

    @Test
    void a_sender_whose_next_transaction_does_not_fit_gives_nothing_more_but_others_still_fill_the_block() {
        Mempool mempool = new Mempool(config(1_000, 100));
        PublicKey big = sender(1);
        PublicKey small = sender(2);
        Transaction bigFirst = tx(big, 0, 500);
        Transaction bigSecond = tx(big, 1, 500);
        Transaction bigThirdSmall = tx(big, 2, 8);
        mempool.admit(bigFirst, true);
        mempool.admit(bigSecond, true);
        mempool.admit(bigThirdSmall, true);
        List<Transaction> smalls = new ArrayList<>();
        for (int nonce = 0; nonce < 3; nonce++) {
            smalls.add(tx(small, nonce, 8));
            mempool.admit(smalls.get(nonce), true);
        }
        // Room for the first big one and four small ones: the second big one does not fit after the first pass.
        int budget = bigFirst.encodedSize() + 3 * smalls.get(0).encodedSize() + bigThirdSmall.encodedSize();

        List<Transaction> block = mempool.select(BLOCK, budget, hash -> false);

        assertEquals(List.of(bigFirst, smalls.get(0), smalls.get(1), smalls.get(2)), block,
                "the room left would take big's nonce 2, but it must not overtake nonce 1, which did not fit");
    }

    @Test
    void the_quota_stops_a_flood_at_admission() {
        Mempool mempool = new Mempool(config(1_000, 50));
        PublicKey flooder = sender(0);
        int admitted = 0;
        for (int nonce = 0; nonce < 10_000; nonce++) {
            if (mempool.admit(tx(flooder, nonce), true).admitted()) {
                admitted++;
            }
        }

        assertEquals(50, admitted);
        for (int s = 1; s <= 3; s++) {
            assertTrue(mempool.admit(tx(sender(s), 0), true).admitted());
        }
    }
}
