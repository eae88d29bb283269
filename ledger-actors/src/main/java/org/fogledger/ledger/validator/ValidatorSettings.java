package org.fogledger.ledger.validator;

import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.consensus.ConsensusConfig;
import org.fogledger.ledger.contract.BuiltInContracts;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.mempool.MempoolConfig;

/**
 * What one validator needs to run: its key, the validator set from the genesis file, consensus tuning, mempool
 * limits, memory bounds, and the contracts it executes with their limits (the same on every validator).
 *
 * @param verificationCacheSize signature answers remembered, so a transaction checked at admission is not checked
 *                              again when it appears in a proposal
 */
public record ValidatorSettings(
        KeyPair key,
        ValidatorSet validators,
        ConsensusConfig consensus,
        MempoolConfig mempool,
        int verificationCacheSize,
        ContractCatalog contracts,
        ExecutionLimits executionLimits) {

    public ValidatorSettings {
        if (!validators.contains(key.publicKey())) {
            throw new IllegalArgumentException("this node's key " + key.publicKey().keyId().shortHex()
                    + " is not in the validator set of the genesis file");
        }
        java.util.Objects.requireNonNull(contracts, "contracts");
        java.util.Objects.requireNonNull(executionLimits, "executionLimits");
        if (!consensus.chainId().equals(mempool.chainId())) {
            throw new IllegalArgumentException("consensus and mempool disagree on the chain id");
        }
    }

    /** Defaults for a validator of {@code chainId}. */
    public static ValidatorSettings defaults(KeyPair key, ValidatorSet validators, String chainId) {
        return new ValidatorSettings(key, validators, ConsensusConfig.defaults(chainId), MempoolConfig.defaults(chainId),
                1 << 20, BuiltInContracts.catalog(chainId), ExecutionLimits.DEFAULT);
    }

    public ValidatorSettings withConsensus(ConsensusConfig consensus) {
        return new ValidatorSettings(key, validators, consensus, mempool, verificationCacheSize, contracts,
                executionLimits);
    }

    /** The same validator running {@code contracts} (tests, and chains with contracts of their own). */
    public ValidatorSettings withContracts(ContractCatalog contracts) {
        return new ValidatorSettings(key, validators, consensus, mempool, verificationCacheSize, contracts,
                executionLimits);
    }
}
