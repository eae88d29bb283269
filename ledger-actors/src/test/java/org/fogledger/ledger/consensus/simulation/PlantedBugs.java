package org.fogledger.ledger.consensus.simulation;

import java.util.List;
import java.util.function.Function;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.consensus.ConsensusConfig;
import org.fogledger.ledger.consensus.Output;
import org.fogledger.ledger.consensus.RecoveredState;
import org.fogledger.ledger.consensus.Replica;
import org.fogledger.ledger.consensus.SafetyRules;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.consensus.SignatureVerifier;
import org.fogledger.ledger.crypto.KeyPair;

/** Broken replicas, each with one classic consensus bug, to prove the checkers would notice. */
final class PlantedBugs {
    private PlantedBugs() {
    }

    /** Votes for anything in a new round, whatever its lock says. */
    static final ReplicaFactory IGNORES_LOCK = factory("ignores-lock", new SafetyRules() {
        @Override
        public boolean mayVote(SafetyState state, long blockRound, long justifyRound) {
            return blockRound > state.highestVotedRound();
        }
    });

    /** Votes again in the round it already voted in, so an equivocating leader gets two certificates. */
    static final ReplicaFactory VOTES_TWICE = factory("votes-twice", new SafetyRules() {
        @Override
        public boolean mayVote(SafetyState state, long blockRound, long justifyRound) {
            return blockRound >= state.highestVotedRound() && justifyRound >= state.lockedRound();
        }
    });

    /** Sends its votes and timeouts first and persists the safety state after. */
    static final ReplicaFactory SKIPS_PERSIST = new ReplicaFactory() {
        @Override
        public String name() {
            return "skips-persist";
        }

        @Override
        public Replica create(ConsensusConfig config, KeyPair key, ValidatorSet validators, SignatureVerifier verifier,
                              RecoveredState recovered) {
            return new Replica(config, key, validators, verifier, new SafetyRules(), recovered) {
                @Override
                protected void persistThen(List<Output> outputs) {
                    release(outputs);
                    emit(new Output.PersistSafetyState(nextPersistSequence(), currentSafetyState()));
                }
            };
        }
    };

    /**
     * Not a bug in an honest replica but Byzantine behaviour, for a twin: as leader it "forgets" recent certificates
     * and extends one a few blocks back, trying to get honest validators to abandon their locks.
     */
    static final ReplicaFactory FORGETFUL_LEADER = new ReplicaFactory() {
        @Override
        public String name() {
            return "forgetful-leader";
        }

        @Override
        public Replica create(ConsensusConfig config, KeyPair key, ValidatorSet validators, SignatureVerifier verifier,
                              RecoveredState recovered) {
            return new Replica(config, key, validators, verifier, new SafetyRules(), recovered) {
                @Override
                protected QuorumCertificate certificateToExtend(QuorumCertificate highQc,
                                                                Function<Hash, ChainedBlock> knownBlocks) {
                    QuorumCertificate stale = highQc;
                    for (int back = 0; back < 2; back++) {
                        ChainedBlock block = knownBlocks.apply(stale.blockHash());
                        if (block == null || block.height() == 0) {
                            break;
                        }
                        stale = block.justify();
                    }
                    return stale;
                }
            };
        }
    };

    private static ReplicaFactory factory(String name, SafetyRules rules) {
        return new ReplicaFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Replica create(ConsensusConfig config, KeyPair key, ValidatorSet validators,
                                  SignatureVerifier verifier, RecoveredState recovered) {
                return new Replica(config, key, validators, verifier, rules, recovered);
            }
        };
    }
}
