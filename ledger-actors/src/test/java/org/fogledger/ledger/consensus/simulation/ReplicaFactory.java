package org.fogledger.ledger.consensus.simulation;

import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.consensus.ConsensusConfig;
import org.fogledger.ledger.consensus.RecoveredState;
import org.fogledger.ledger.consensus.Replica;
import org.fogledger.ledger.consensus.SafetyRules;
import org.fogledger.ledger.consensus.SignatureVerifier;
import org.fogledger.ledger.crypto.KeyPair;

/** Builds the replicas a simulation runs: the real one, or a variant with a planted bug. */
public interface ReplicaFactory {

    String name();

    Replica create(ConsensusConfig config, KeyPair key, ValidatorSet validators, SignatureVerifier verifier,
                   RecoveredState recovered);

    ReplicaFactory HONEST = new ReplicaFactory() {
        @Override
        public String name() {
            return "honest";
        }

        @Override
        public Replica create(ConsensusConfig config, KeyPair key, ValidatorSet validators, SignatureVerifier verifier,
                              RecoveredState recovered) {
            return new Replica(config, key, validators, verifier, new SafetyRules(), recovered);
        }
    };
}
