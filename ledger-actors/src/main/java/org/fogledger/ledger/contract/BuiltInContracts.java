package org.fogledger.ledger.contract;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.contract.registry.RegistryContract;

/**
 * The contracts every validator of a chain runs from genesis. They must be the same on every validator, since
 * validators that know different contracts execute differently (and see it in the results claims).
 */
public final class BuiltInContracts {

    private BuiltInContracts() {
    }

    /** The built-in catalog of chain {@code chainId} (signed statements inside contracts are bound to it). */
    public static ContractCatalog catalog(String chainId) {
        List<Contract<?, ?>> contracts = new ArrayList<>();
        contracts.add(new RegistryContract(chainId));
        return ContractCatalog.of(contracts);
    }
}
