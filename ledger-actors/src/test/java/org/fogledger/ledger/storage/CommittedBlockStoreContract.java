package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.crypto.Hash;

/**
 * What a committed-block store must do, on any database: the behaviour suite run by {@link H2CommittedBlockStoreTest}
 * and {@link PostgresCommittedBlockStoreTest}.
 */
final class CommittedBlockStoreContract {
    private CommittedBlockStoreContract() {
    }

    /** A chain of {@code length} blocks after genesis, block h carrying h % 3 transactions of 200 bytes each. */
    static List<CommittedBlock> chain(int length, String fork) {
        List<CommittedBlock> chain = new ArrayList<>();
        Block genesis = Block.genesis(ChainFixtures.CHAIN_ID);
        chain.add(new CommittedBlock(genesis, QuorumCertificate.genesis(genesis)));
        for (int h = 1; h <= length; h++) {
            List<Transaction> txs = new ArrayList<>();
            for (int i = 0; i < h % 3; i++) {
                txs.add(Transaction.sign(ChainFixtures.key(i), ChainFixtures.CHAIN_ID, h, "registry", "touch",
                        (fork + "-" + h + "-" + i + "-" + "x".repeat(100)).getBytes(StandardCharsets.UTF_8)));
            }
            Block block = Block.create(h, h, chain.get(h - 1).block().hash(),
                    new org.fogledger.ledger.chain.ExecutedResults(0, Hash.ZERO),
                    ChainFixtures.key(h % 4).publicKey(), 1_700_000_000_000L + h, txs);
            chain.add(new CommittedBlock(block, ChainFixtures.certificate(block, 3)));
        }
        return chain;
    }

    static void run(CommittedBlockStore.Connections connections, String schema) {
        CommittedBlockStore store = new CommittedBlockStore(connections, schema, CodecLimits.DEFAULT);
        List<CommittedBlock> chain = chain(150, "main");
        assertEquals(-1, store.tipHeight(), "a new table is empty");

        assertEquals(0, store.append(chain.subList(0, 1)));
        assertEquals(99, store.append(chain.subList(1, 100)));
        // A restarted validator commits again what it stored before its journal caught up: compared, not written.
        assertEquals(120, store.append(chain.subList(95, 121)));
        assertEquals(120, store.append(chain.subList(3, 9)));
        assertEquals(150, store.append(chain.subList(121, 151)));

        // Never another block at a stored height, never a gap.
        List<CommittedBlock> fork = chain(150, "fork");
        assertThrows(StoredChainConflictException.class, () -> store.append(fork.subList(140, 142)));
        assertThrows(StoredChainConflictException.class, () -> store.append(List.of(fork.get(3))));
        assertEquals(150, store.tipHeight(), "a refused batch writes nothing");
        assertThrows(StoredChainConflictException.class, () -> store.append(chain(160, "main").subList(152, 155)));

        assertEquals(OptionalLong.of(77), store.heightOf(chain.get(77).block().hash()));
        assertTrue(store.heightOf(fork.get(77).block().hash()).isEmpty());
        assertEquals(chain.subList(10, 21), store.range(10, 20));

        // Served as the core serves from memory: blocks ending at the one asked for, each with its parent's QC.
        List<ChainedBlock> served = store.chainEndingAt(chain.get(100).block().hash(), 64, 1 << 20);
        assertEquals(64, served.size());
        assertEquals(37, served.get(0).height());
        for (int i = 0; i < served.size(); i++) {
            long h = 37 + i;
            assertEquals(chain.get((int) h).block(), served.get(i).block());
            assertEquals(chain.get((int) h - 1).certificate(), served.get(i).justify());
        }
        List<ChainedBlock> fromGenesis = store.chainEndingAt(chain.get(5).block().hash(), 64, 1 << 20);
        assertEquals(6, fromGenesis.size());
        assertEquals(chain.get(0).certificate(), fromGenesis.get(0).justify(), "genesis is justified by its own QC");
        // Sized by the transactions' bytes: at least the block asked for, then older ones while they fit.
        long oneBlock = bytesOf(chain.get(100).block()) + bytesOf(chain.get(99).block());
        List<ChainedBlock> small = store.chainEndingAt(chain.get(100).block().hash(), 64, oneBlock);
        assertEquals(List.of(chain.get(99).block(), chain.get(100).block()),
                small.stream().map(ChainedBlock::block).toList());
        assertEquals(1, store.chainEndingAt(chain.get(101).block().hash(), 64, 1).size());
        assertTrue(store.chainEndingAt(fork.get(50).block().hash(), 64, 1 << 20).isEmpty());

        List<Hash> hashes = store.hashesFrom(140, 100);
        assertEquals(11, hashes.size());
        assertEquals(chain.get(140).block().hash(), hashes.get(0));
        assertEquals(chain.get(150).block().hash(), hashes.get(10));
        assertTrue(store.hashesFrom(151, 10).isEmpty());
    }

    private static long bytesOf(Block block) {
        return block.transactions().stream().mapToLong(Transaction::encodedSize).sum();
    }
}
