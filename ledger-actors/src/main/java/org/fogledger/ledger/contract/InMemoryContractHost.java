package org.fogledger.ledger.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;

/**
 * Executes committed blocks against contract states held in memory: the reference the actor host must agree
 * with, the engine of the determinism property tests, and what an observer uses to replay a chain it fetched.
 * Blocks must come in height order, each exactly once, without gaps.
 */
public final class InMemoryContractHost {
    private final ExecutionLimits limits;
    private final Map<ContractAddress, Object> states = new HashMap<>();
    private ContractCatalog catalog;
    private long executedHeight;
    private Hash resultsHash;

    /**
     * @param start what the chain has "executed" before block 1: genesis' claim
     *              ({@code Block.genesis(chainId).header().executed()}); blocks then come from {@code start.height() + 1}
     */
    public InMemoryContractHost(ContractCatalog catalog, ExecutionLimits limits, ExecutedResults start) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.executedHeight = start.height();
        this.resultsHash = start.resultsHash();
    }

    /** A host for tests and tools that do not care which chain: starts at height 0 with a zero results hash. */
    public InMemoryContractHost(ContractCatalog catalog, ExecutionLimits limits) {
        this(catalog, limits, new ExecutedResults(0, Hash.ZERO));
    }

    public BlockResults execute(long height, long blockTimeMillis, List<Transaction> transactions) {
        if (height != executedHeight + 1) {
            throw new IllegalArgumentException("block " + height + " cannot run next: executed up to "
                    + executedHeight);
        }
        BlockExecution execution = new BlockExecution(height, blockTimeMillis, transactions, resultsHash,
                catalog::contains, limits);
        for (Invocation invocation = execution.next(); invocation != null; invocation = execution.next()) {
            Contract<?, ?> contract = catalog.find(invocation.address().contract()).orElseThrow();
            Object state = states.computeIfAbsent(invocation.address(),
                    address -> contract.initialState(address.instance()));
            InstanceTransition<?> transition = Executor.run(contract, state, invocation, limits);
            states.put(invocation.address(), transition.state());
            if (contract instanceof ContractDeployer<?, ?> deployer && transition.report().result().ok()) {
                addDeployed(deployer, transition.state());
            }
            execution.complete(transition.report());
        }
        BlockResults results = execution.results();
        executedHeight = height;
        resultsHash = results.resultsHash();
        return results;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void addDeployed(ContractDeployer deployer, Object state) {
        for (Object deployed : deployer.deployedContracts(state)) {
            Contract<?, ?> contract = (Contract<?, ?>) deployed;
            if (!catalog.contains(contract.name())) {
                catalog = catalog.withContract(contract);
            }
        }
    }

    public ContractCatalog catalog() {
        return catalog;
    }

    /** The instance's state, or its initial state if it never ran. */
    public Object state(ContractAddress address) {
        Contract<?, ?> contract = catalog.find(address.contract()).orElseThrow(() ->
                new IllegalArgumentException("no contract named '" + address.contract() + "'"));
        return states.getOrDefault(address, contract.initialState(address.instance()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] query(ContractAddress address, String query, byte[] argument) {
        Contract contract = catalog.find(address.contract()).orElseThrow(() ->
                new ContractRefusal("unknown-contract", "no contract named '" + address.contract() + "'"));
        return contract.query(state(address), query, argument);
    }

    public long executedHeight() {
        return executedHeight;
    }
}
