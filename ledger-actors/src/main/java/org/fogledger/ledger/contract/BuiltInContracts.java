package org.fogledger.ledger.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fogledger.ledger.contract.consent.ConsentContract;
import org.fogledger.ledger.contract.rules.DeployContract;
import org.fogledger.ledger.contract.tokens.TokensContract;
import org.fogledger.ledger.contract.trace.TraceContract;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.contract.registry.RegistryContract;

/**
 * The contracts every validator of a chain runs from genesis. They must be the same on every validator, since
 * validators that know different contracts execute differently (and see it in the results claims).
 */
public final class BuiltInContracts {

    private BuiltInContracts() {
    }

    /** The built-in catalog of chain {@code chainId}, on which no one can mint tokens. */
    public static ContractCatalog catalog(String chainId) {
        return catalog(chainId, List.of());
    }

    /**
     * The built-in catalog of chain {@code chainId} (signed statements inside contracts are bound to it), whose
     * tokens only {@code tokenMinters} can create: the registry, consent, traceability, tokens, and the deployer
     * of rule contracts, which refuses every built-in name.
     */
    public static ContractCatalog catalog(String chainId, Collection<PublicKey> tokenMinters) {
        List<Contract<?, ?>> contracts = new ArrayList<>();
        contracts.add(new RegistryContract(chainId));
        contracts.add(new ConsentContract());
        contracts.add(new TokensContract(tokenMinters));
        contracts.add(new TraceContract());
        contracts.add(DeployContract.alongside(contracts));
        return ContractCatalog.of(contracts);
    }
}
