package org.fogledger.ledger.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fogledger.ledger.contract.arbitration.ArbitrationContract;
import org.fogledger.ledger.contract.authority.AuthorityContract;
import org.fogledger.ledger.contract.consent.ConsentContract;
import org.fogledger.ledger.contract.policy.PolicyContract;
import org.fogledger.ledger.contract.rules.DeployContract;
import org.fogledger.ledger.contract.sharing.SharingContract;
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
     * tokens only {@code tokenMinters} can create: the registry, consent, traceability, tokens, the authority of
     * ranked agents (with no roots), operators' policies, the arbitration of agents' decisions on devices, the
     * sharing economy, and the deployer
     * of rule contracts, which refuses every built-in name.
     */
    public static ContractCatalog catalog(String chainId, Collection<PublicKey> tokenMinters) {
        return catalog(chainId, tokenMinters, List.of());
    }

    /**
     * As {@link #catalog(String, Collection)}, with the authority of ranked agents, whose root operators are
     * {@code rootOperators}, each over the whole hierarchy ({@code /}). Without roots no one can delegate.
     */
    public static ContractCatalog catalog(String chainId, Collection<PublicKey> tokenMinters,
                                          Collection<PublicKey> rootOperators) {
        List<Contract<?, ?>> contracts = new ArrayList<>();
        contracts.add(new RegistryContract(chainId));
        contracts.add(new ConsentContract());
        contracts.add(new TokensContract(tokenMinters));
        contracts.add(new TraceContract());
        contracts.add(AuthorityContract.withRootOperators(rootOperators));
        contracts.add(new PolicyContract());
        contracts.add(new ArbitrationContract());
        contracts.add(new SharingContract());
        contracts.add(DeployContract.alongside(contracts));
        return ContractCatalog.of(contracts);
    }
}
