package org.fogledger.ledger.execution;

import static org.fogledger.ledger.execution.HostFixture.GENESIS;
import static org.fogledger.ledger.execution.HostFixture.chain;
import static org.fogledger.ledger.execution.HostFixture.randomBlocks;
import static org.fogledger.ledger.execution.HostFixture.runHost;
import static org.fogledger.ledger.execution.HostFixture.uniqueHostId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.contract.TallyContract;

/**
 * Four validators' contract hosts (event-sourced instances, real serialization) execute the same random blocks:
 * adds, refusals, messages between instances, malformed payloads and unknown commands. Their results hashes must
 * be identical to each other and to the in-memory reference, and none may report a divergence.
 * ({@code ContractHostTest.aNondeterministicContractIsCaughtByTheResultsClaims} plants the opposite.)
 */
class FourHostsAgreeProperties {
    private static final ActorTestKit KIT = ActorTestKit.create(PersistenceTestKitPlugin.config()
            .withFallback(PersistenceTestKitSnapshotPlugin.config())
            .withFallback(ConfigFactory.load()));

    @AfterContainer
    static void tearDown() {
        KIT.shutdownTestKit();
    }

    @Property(tries = 8)
    void fourHostsAgreeOnRandomBlocks(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int blockCount) {
        List<List<Transaction>> bodies = randomBlocks(seed, blockCount);
        List<Block> blocks = chain(bodies, new InMemoryContractHost(ContractCatalog.of(new TallyContract()),
                ExecutionLimits.DEFAULT, GENESIS));
        InMemoryContractHost reference = new InMemoryContractHost(ContractCatalog.of(new TallyContract()),
                ExecutionLimits.DEFAULT, GENESIS);
        List<BlockResults> expected = blocks.stream().map(block -> reference.execute(block.height(),
                block.header().timestampMillis(), block.transactions())).toList();

        for (int validator = 0; validator < 4; validator++) {
            List<ContractHost.BlockExecuted> executed = runHost(KIT, uniqueHostId(), new TallyContract(), blocks);
            for (int h = 0; h < blocks.size(); h++) {
                assertEquals(expected.get(h).resultsHash(), executed.get(h).results().resultsHash(),
                        "validator " + validator + ", block " + (h + 1));
                assertTrue(executed.get(h).divergences().isEmpty(), executed.get(h).divergences().toString());
            }
        }
    }
}
