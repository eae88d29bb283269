package org.fogledger.ledger.contract;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The contracts a host runs, by name. Built-in contracts are fixed at startup; contracts deployed at run time as
 * data are added with {@link #withContract} once their deployment commits, in block order, so every validator
 * knows the same contracts at the same point of the chain.
 */
public final class ContractCatalog {
    private final Map<String, Contract<?, ?>> byName;

    private ContractCatalog(Map<String, Contract<?, ?>> byName) {
        this.byName = byName;
    }

    public static ContractCatalog of(Contract<?, ?>... contracts) {
        return of(java.util.List.of(contracts));
    }

    public static ContractCatalog of(Collection<? extends Contract<?, ?>> contracts) {
        Map<String, Contract<?, ?>> byName = new TreeMap<>();
        for (Contract<?, ?> contract : contracts) {
            if (byName.put(contract.name(), contract) != null) {
                throw new IllegalArgumentException("two contracts are named '" + contract.name() + "'");
            }
        }
        return new ContractCatalog(byName);
    }

    /** This catalog plus {@code contract}; a name already taken is refused. */
    public ContractCatalog withContract(Contract<?, ?> contract) {
        if (byName.containsKey(contract.name())) {
            throw new IllegalArgumentException("a contract named '" + contract.name() + "' already exists");
        }
        Map<String, Contract<?, ?>> copy = new TreeMap<>(byName);
        copy.put(contract.name(), contract);
        return new ContractCatalog(copy);
    }

    public Optional<Contract<?, ?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Collection<String> names() {
        return byName.keySet();
    }
}
