package org.fogledger.ledger.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The contracts every validator of a chain runs from genesis. They must be the same on every validator, since
 * validators that know different contracts execute differently (and see it in the results claims).
 */
public final class BuiltInContracts {

    private BuiltInContracts() {
    }

    /** The built-in catalog. */
    public static ContractCatalog catalog() {
        List<Contract<?, ?>> contracts = new ArrayList<>();
        return ContractCatalog.of(contracts);
    }
}
