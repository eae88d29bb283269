package org.fogledger.ledger.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.junit.jupiter.api.Test;

/** The replica's rules one input at a time, without a network. Validator i leads rounds i, i+4, ... */
class ReplicaTest {
    private static final String CHAIN = "replica-test";
    private final List<KeyPair> keys = IntStream.range(0, 4).mapToObj(ReplicaTest::key).toList();
    private final ValidatorSet validators = new ValidatorSet(keys.stream().map(KeyPair::publicKey).toList());
    private final Block genesis = Block.genesis(CHAIN);
    private final QuorumCertificate genesisQc = QuorumCertificate.genesis(genesis);
    private final ConsensusConfig config = ConsensusConfig.defaults(CHAIN);

    @Test
    void aVoteLeavesOnlyAfterTheSafetyStateRecordingItIsDurable() {
        Replica replica = replica(3);
        replica.start(0);
        List<Output> outputs = replica.handle(received(proposalFor(1, keys.get(1))), 10);

        Output.PersistSafetyState persist = only(outputs, Output.PersistSafetyState.class);
        assertEquals(1, persist.state().highestVotedRound());
        assertTrue(outputs.stream().noneMatch(o -> o instanceof Output.Send s && s.message() instanceof Vote),
                "no vote before the persist is acknowledged");

        List<Output> afterPersist = replica.handle(new Input.PersistCompleted(persist.sequence()), 12);
        Output.Broadcast broadcast = only(afterPersist, Output.Broadcast.class);
        Vote vote = (Vote) broadcast.message();
        assertEquals(1, vote.round(), "votes go to every validator, each forms the certificate");
        assertEquals(keys.get(3).publicKey(), vote.voter());
    }

    @Test
    void aProposalFromAnyoneButTheRoundsLeaderIsDroppedAndCounted() {
        Replica replica = replica(2);
        replica.start(0);
        List<Output> outputs = replica.handle(received(proposalFor(1, keys.get(3))), 10);

        assertTrue(outputs.stream().noneMatch(o -> o instanceof Output.PersistSafetyState));
        assertEquals(1, replica.drops().get(DropReason.WRONG_LEADER));
    }

    @Test
    void aProposalWithATamperedSignatureIsDroppedAndCounted() {
        Replica replica = replica(2);
        replica.start(0);
        Proposal honest = proposalFor(1, keys.get(1));
        byte[] raw = honest.signature().raw();
        raw[5] ^= 1;
        Proposal tampered = new Proposal(honest.block(), honest.justify(), null,
                org.fogledger.ledger.crypto.Signature.of(SignatureScheme.ED25519, raw));

        replica.handle(received(tampered), 10);

        assertEquals(1, replica.drops().get(DropReason.BAD_SIGNATURE));
    }

    @Test
    void aRestartedReplicaDoesNotVoteAgainInARoundItVotedIn() {
        Replica first = replica(2);
        first.start(0);
        Proposal proposal = proposalFor(1, keys.get(1));
        Output.PersistSafetyState persisted = only(first.handle(received(proposal), 10), Output.PersistSafetyState.class);

        RecoveredState disk = new RecoveredState(persisted.state(), RecoveredState.fresh(genesis).committedChain(),
                List.of());
        Replica restarted = new Replica(config, keys.get(2), validators, disk);
        restarted.start(20);
        List<Output> outputs = restarted.handle(received(proposal), 21);

        assertTrue(outputs.stream().noneMatch(o -> o instanceof Output.PersistSafetyState),
                "voted in round 1 before the crash: no second vote");
    }

    @Test
    void aRequestForABlockNotInMemoryIsLeftToTheHostsStoreAndOneInMemoryIsAnsweredDirectly() {
        Replica replica = replica(2);
        replica.start(0);
        Hash older = org.fogledger.ledger.crypto.Sha256.hash(new byte[] {42});

        List<Output> outputs = replica.handle(new Input.MessageReceived(keys.get(1).publicKey(),
                new BlockRequest(older)), 10);
        Output.ServeCommittedBlocks serve = only(outputs, Output.ServeCommittedBlocks.class);
        assertEquals(new Output.ServeCommittedBlocks(keys.get(1).publicKey(), older, 64, config.maxBlockBytes()), serve);

        List<Output> fromMemory = replica.handle(new Input.MessageReceived(keys.get(1).publicKey(),
                new BlockRequest(genesis.hash())), 11);
        Output.Send send = only(fromMemory, Output.Send.class);
        assertEquals(genesis, ((BlockResponse) send.message()).blocks().get(0).block());
        assertTrue(fromMemory.stream().noneMatch(o -> o instanceof Output.ServeCommittedBlocks));

        List<Output> fromStranger = replica.handle(new Input.MessageReceived(KeyPair.generate().publicKey(),
                new BlockRequest(older)), 12);
        assertTrue(fromStranger.isEmpty(), "only validators may make the host read its store: " + fromStranger);
    }

    @Test
    void theSameInputsInTheSameOrderGiveTheSameOutputs() {
        Replica a = replica(0);
        Replica b = replica(0);
        assertEquals(a.start(0), b.start(0));
        Proposal proposal = proposalFor(1, keys.get(1));
        assertEquals(a.handle(received(proposal), 5), b.handle(received(proposal), 5));
        assertEquals(a.handle(new Input.TimerFired(TimerKind.ROUND_TIMEOUT, 1), 1_000),
                b.handle(new Input.TimerFired(TimerKind.ROUND_TIMEOUT, 1), 1_000));
    }

    @Test
    void aLeaderWithNothingToOrderWaitsForTheIdleTimerThenProposesAnEmptyBlock() {
        Replica leader = replica(1);
        List<Output> started = leader.start(0);
        Output.SetTimer idle = started.stream().filter(o -> o instanceof Output.SetTimer t
                && t.kind() == TimerKind.IDLE_PROPOSAL).map(Output.SetTimer.class::cast).findFirst().orElseThrow();
        assertEquals(config.idleProposalDelayMillis(), idle.delayMillis());

        List<Output> outputs = leader.handle(new Input.TimerFired(TimerKind.IDLE_PROPOSAL, 1), 200);
        Output.Broadcast broadcast = only(outputs, Output.Broadcast.class);
        Proposal proposal = (Proposal) broadcast.message();
        assertEquals(1, proposal.round());
        assertEquals(0, proposal.block().transactions().size());
        assertEquals(genesis.hash(), proposal.block().parentHash());
    }

    private Replica replica(int index) {
        return new Replica(config, keys.get(index), validators, RecoveredState.fresh(genesis));
    }

    private Proposal proposalFor(long round, KeyPair proposer) {
        Block block = Block.create(1, round, genesis.hash(), new ExecutedResults(0, Hash.ZERO), proposer.publicKey(), 1, List.of());
        return new Proposal(block, genesisQc, null, proposer.sign(ConsensusSigning.proposal(block.hash(), round)));
    }

    private Input received(ConsensusMessage message) {
        return new Input.MessageReceived(keys.get(1).publicKey(), message);
    }

    private static <T extends Output> T only(List<Output> outputs, Class<T> type) {
        List<T> matching = outputs.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, matching.size(), "exactly one " + type.getSimpleName() + " in " + outputs);
        return matching.get(0);
    }

    private static KeyPair key(int index) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) (0x40 + index));
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
    }
}
