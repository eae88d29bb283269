package org.fogledger.ledger.consensus.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.chain.ValidatorSignature;
import org.fogledger.ledger.consensus.BlockRequest;
import org.fogledger.ledger.consensus.BlockResponse;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.ConsensusMessage;
import org.fogledger.ledger.consensus.ConsensusSigning;
import org.fogledger.ledger.consensus.Proposal;
import org.fogledger.ledger.consensus.Timeout;
import org.fogledger.ledger.consensus.TimeoutCertificate;
import org.fogledger.ledger.consensus.TimeoutSignature;
import org.fogledger.ledger.consensus.Vote;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * What a Byzantine validator that cannot forge others' signatures may send: garbage signatures, forged certificates,
 * broken links, oversized blocks, nulls, unsolicited blocks, claims about far-future rounds. Signed with its own key
 * where a valid signature makes the attack go deeper into the checks.
 */
final class MalformedMessages {
    private static final int KINDS = 13;

    private final SplittableRandom random;
    private final ValidatorSet validators;
    private final Block genesis;
    private final QuorumCertificate genesisQc;
    private final KeyPair own;
    private final KeyPair outsider = TestKeys.outsider();
    private final KeyPair client;

    MalformedMessages(SplittableRandom random, ValidatorSet validators, Block genesis, KeyPair own, KeyPair client) {
        this.random = random;
        this.validators = validators;
        this.genesis = genesis;
        this.genesisQc = QuorumCertificate.genesis(genesis);
        this.own = own;
        this.client = client;
    }

    /** Usually nothing; now and then one hostile message. */
    List<ConsensusMessage> next(long now) {
        if (random.nextInt(6) != 0) {
            return List.of();
        }
        long round = 1 + random.nextInt(50);
        List<ConsensusMessage> out = new ArrayList<>(1);
        switch (random.nextInt(KINDS)) {
            case 0 -> out.add(new Vote(randomHash(), round, 1, own.publicKey(), garbageSignature()));
            case 1 -> {
                Hash hash = randomHash();
                out.add(new Vote(hash, round, 1, outsider.publicKey(),
                        outsider.sign(ConsensusSigning.vote(hash, round, 1))));
            }
            case 2 -> out.add(new Vote(null, round, 1, own.publicKey(), garbageSignature()));
            case 3 -> {
                Block block = child(genesis, 1, now, List.of());
                out.add(new Proposal(block, genesisQc, null, garbageSignature()));
            }
            case 4 -> {
                // Correctly signed by its own key, for a round it leads, justified by a forged certificate.
                long ownRound = roundLedBySelf(round);
                Block parent = child(genesis, ownRound - 1, now, List.of());
                QuorumCertificate forged = new QuorumCertificate(parent.hash(), ownRound - 1, 1,
                        List.of(new ValidatorSignature(validators.get(0), garbageSignature()),
                                new ValidatorSignature(validators.get(1), garbageSignature()),
                                new ValidatorSignature(validators.get(2), garbageSignature())));
                Block block = Block.create(2, ownRound, parent.hash(), new ExecutedResults(0, Hash.ZERO), own.publicKey(), now, List.of());
                out.add(new Proposal(block, forged, null, own.sign(ConsensusSigning.proposal(block.hash(), ownRound))));
            }
            case 5 -> out.add(new Timeout(round, new QuorumCertificate(randomHash(), round + 1, 3, List.of()),
                    own.publicKey(), garbageSignature()));
            case 6 -> out.add(new Timeout(1_000_000 + round, genesisQc, own.publicKey(), garbageSignature()));
            case 7 -> out.add(new BlockResponse(List.of(new ChainedBlock(child(genesis, round, now, List.of()), genesisQc))));
            case 8 -> out.add(new BlockResponse(null));
            case 9 -> out.add(new BlockRequest(null));
            case 10 -> out.add(new Proposal(child(genesis, round, now, List.of()), null, null, garbageSignature()));
            case 11 -> {
                // A validly signed timeout for a far-future round: legal for a faulty validator, and must not
                // drag anyone there alone (f+1 are needed) nor grow any buffer.
                long far = 1_000 + random.nextInt(1_000_000);
                out.add(new Timeout(far, genesisQc, own.publicKey(), own.sign(ConsensusSigning.timeout(far, 0))));
            }
            default -> {
                // An oversized block with a bogus timeout certificate, signed properly by its proposer.
                long ownRound = roundLedBySelf(round);
                Transaction tx = Transaction.sign(client, SimulationConfig.CHAIN_ID, 0, "sim/counter", "add", new byte[8]);
                List<Transaction> many = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    many.add(tx);
                }
                Block block = Block.create(1, ownRound, genesis.hash(), new ExecutedResults(0, Hash.ZERO), own.publicKey(), now, many);
                TimeoutCertificate tc = new TimeoutCertificate(ownRound - 1,
                        List.of(new TimeoutSignature(own.publicKey(), 0, garbageSignature())));
                out.add(new Proposal(block, genesisQc, random.nextBoolean() ? tc : null,
                        own.sign(ConsensusSigning.proposal(block.hash(), ownRound))));
            }
        }
        return out;
    }

    private long roundLedBySelf(long near) {
        long round = Math.max(2, near);
        while (!validators.leaderFor(round).equals(own.publicKey())) {
            round++;
        }
        return round;
    }

    private Block child(Block parent, long round, long now, List<Transaction> txs) {
        return Block.create(parent.height() + 1, round, parent.hash(), new ExecutedResults(0, Hash.ZERO), own.publicKey(), now, txs);
    }

    private Hash randomHash() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Hash.of(bytes);
    }

    private Signature garbageSignature() {
        byte[] bytes = new byte[SignatureScheme.ED25519.signatureLength()];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            Arrays.fill(bytes, 32, 64, (byte) 0xff);
        }
        return Signature.of(SignatureScheme.ED25519, bytes);
    }
}
