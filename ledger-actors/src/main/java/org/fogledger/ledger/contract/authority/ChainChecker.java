package org.fogledger.ledger.contract.authority;

import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Decides whether an agent holds authority at a block time, and by which chain. {@link AuthorityChain} is the one
 * the contract uses; the interface lets tests run their scenarios against a deliberately broken checker and show
 * they catch it.
 */
public interface ChainChecker {
    ChainAnswer authorityOf(DelegationGraph graph, PublicKey agent, long atMillis, StepMeter meter);
}
