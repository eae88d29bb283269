package org.fogledger.ledger.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fogledger.ledger.chain.Transaction;

/**
 * Executes committed blocks against contract states held in memory: the reference the actor host must agree
 * with, the engine of the determinism property tests, and what an observer uses to replay a chain it fetched.
 * Blocks must come in height order, each exactly once.
 */
public final class InMemoryContractHost {
    private final ExecutionLimits limits;
    private final Map<ContractAddress, Object> states = new HashMap<>();
    private ContractCatalog catalog;
    private long executedHeight = -1;

    public InMemoryContractHost(ContractCatalog catalog, ExecutionLimits limits) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public BlockResults execute(long height, long blockTimeMillis, List<Transaction> transactions) {
        if (height <= executedHeight) {
            throw new IllegalArgumentException("block " + height + " was already executed (executed up to "
                    + executedHeight + ")");
        }
        BlockExecution execution = new BlockExecution(height, blockTimeMillis, transactions, catalog::contains,
                limits);
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
        executedHeight = height;
        return execution.results();
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
