package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.consensus.ConsensusSigning;
import org.fogledger.ledger.consensus.Input;
import org.fogledger.ledger.consensus.Output;
import org.fogledger.ledger.consensus.Proposal;
import org.fogledger.ledger.consensus.Replica;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.consensus.Vote;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.fogledger.ledger.validator.serialization.ValidatorSnapshotSerializer;
import org.junit.jupiter.api.Test;

/**
 * A snapshot plus the events after it rebuilds exactly the state the whole journal does, whatever the point the
 * snapshot was taken at; a snapshot does not grow with the chain; and a validator restored from one never votes
 * twice in a round. Real journals, from four real replicas in lockstep ({@link LockstepValidators}), each snapshot
 * through its real serializer.
 */
class ValidatorStateSnapshotTest {
    private static final int RETAINED = 8;
    private static final int VALIDATOR = 3;
    private static final ValidatorSnapshotSerializer SERIALIZER = new ValidatorSnapshotSerializer(CodecLimits.DEFAULT);

    private final LockstepValidators cluster = new LockstepValidators(RETAINED);
    private final List<KeyPair> clients = List.of(client(1), client(2), client(3));

    @Test
    void aSnapshotPlusTheEventsAfterItRecoversWhatTheWholeJournalDoes() {
        runWithTransactions(60);
        List<ValidatorEvent> journal = cluster.journal(VALIDATOR);
        ValidatorState whole = fold(ValidatorState.empty(cluster.genesis, RETAINED), journal);
        assertTrue(whole.committedHeight() >= 60);
        assertTrue(whole.usedNonces().senders() == 3, "every client's nonces are in the table");

        for (int cut : new int[] {0, 1, journal.size() / 3, journal.size() / 2, journal.size() - 1, journal.size()}) {
            ValidatorState upToCut = fold(ValidatorState.empty(cluster.genesis, RETAINED), journal.subList(0, cut));
            ValidatorState restored = fold(ValidatorState.fromSnapshot(roundTrip(upToCut.toSnapshot()), RETAINED),
                    journal.subList(cut, journal.size()));
            assertEquals(whole.recovered(), restored.recovered(), "safety state, window, uncommitted; cut at " + cut);
            assertEquals(whole.usedNonces(), restored.usedNonces(), "nonce table, cut at " + cut);
            assertEquals(whole.toSnapshot(), restored.toSnapshot(), "cut at " + cut);
        }
    }

    @Test
    void aSnapshotDoesNotGrowWithTheChain() {
        runWithTransactions(30);
        ValidatorState early = fold(ValidatorState.empty(cluster.genesis, RETAINED), cluster.journal(VALIDATOR));
        int earlyBytes = SERIALIZER.toBinary(early.toSnapshot()).length;
        runWithTransactions(150);
        ValidatorState late = fold(ValidatorState.empty(cluster.genesis, RETAINED), cluster.journal(VALIDATOR));
        int lateBytes = SERIALIZER.toBinary(late.toSnapshot()).length;

        assertTrue(late.committedHeight() >= 4 * early.committedHeight(), "the chain grew: " + early.committedHeight()
                + " -> " + late.committedHeight());
        assertEquals(RETAINED, late.toSnapshot().committedWindow().size(), "the window, not the chain");
        assertTrue(lateBytes < earlyBytes * 1.3, "snapshot " + earlyBytes + " bytes at height "
                + early.committedHeight() + ", " + lateBytes + " at " + late.committedHeight());
    }

    /**
     * The restored validator gets a second, equivocating proposal for the round it voted in just before it went down.
     * It must not vote. The same check, run on a recovery planted with a bug (a snapshot that forgot the voted
     * round), must catch the second vote: so the check has teeth, and the proposal is otherwise acceptable.
     */
    @Test
    void aValidatorRestoredFromASnapshotNeverVotesTwiceInARound() {
        runWithTransactions(40);
        List<ValidatorEvent> journal = cluster.journal(VALIDATOR);
        // Crash right after a vote, before its round's certificate came back: the durable state says voted in R,
        // highest certificate of R-1, so the restarted replica is back in round R.
        int crash = -1;
        for (int i = 0; i < journal.size(); i++) {
            if (journal.get(i) instanceof ValidatorEvent.SafetyStateSaved saved
                    && saved.state().highQc().round() == saved.state().highestVotedRound() - 1
                    && saved.state().highestVotedRound() % 4 != VALIDATOR && i > journal.size() / 2) {
                crash = i + 1;
            }
        }
        assertTrue(crash > 0, "the journal has a vote not yet followed by its certificate");
        List<ValidatorEvent> durable = journal.subList(0, crash);
        long votedRound = ((ValidatorEvent.SafetyStateSaved) durable.get(crash - 1)).state().highestVotedRound();
        Proposal original = cluster.proposals.stream().filter(p -> p.round() == votedRound).findFirst().orElseThrow();
        Proposal equivocation = equivocate(original);

        // Honest: snapshot mid-way plus the tail, and a snapshot taken at the crash itself.
        ValidatorState midway = fold(ValidatorState.empty(cluster.genesis, RETAINED), durable.subList(0, crash / 2));
        ValidatorState restored = fold(ValidatorState.fromSnapshot(roundTrip(midway.toSnapshot()), RETAINED),
                durable.subList(crash / 2, crash));
        assertEquals(votedRound, restored.safety().highestVotedRound());
        assertFalse(votesFor(restored, equivocation), "voted twice in round " + votedRound + " after a restart");
        ValidatorState atCrash = fold(ValidatorState.empty(cluster.genesis, RETAINED), durable);
        assertFalse(votesFor(ValidatorState.fromSnapshot(roundTrip(atCrash.toSnapshot()), RETAINED), equivocation));

        // Planted: a snapshot that forgot the voted round. The check catches it.
        UnaryOperator<ValidatorSnapshot> forgetsVotedRound = s -> new ValidatorSnapshot(
                new SafetyState(s.safety().highQc().round(), s.safety().lockedQc(), s.safety().highQc()),
                s.committedWindow(), s.uncommittedBlocks(), s.usedNonces());
        ValidatorState planted = ValidatorState.fromSnapshot(roundTrip(forgetsVotedRound.apply(atCrash.toSnapshot())),
                RETAINED);
        assertTrue(votesFor(planted, equivocation), "the planted bug (a snapshot without the voted round) must be "
                + "caught: the restored replica votes a second time in round " + votedRound);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** Commits up to {@code height} with each client's transactions flowing in (nonces with a gap for one). */
    private void runWithTransactions(long height) {
        while (cluster.committedHeight(VALIDATOR) < height) {
            long next = cluster.committedHeight(VALIDATOR);
            List<Transaction> batch = new ArrayList<>();
            for (int c = 0; c < clients.size(); c++) {
                long nonce = c == 2 ? 2 * next : next;
                batch.add(Transaction.sign(clients.get(c), LockstepValidators.CHAIN_ID, nonce, "test/counter", "add",
                        new byte[] {(byte) nonce}));
            }
            cluster.submit(batch);
            cluster.runUntilCommitted(VALIDATOR, next + 1);
        }
    }

    /** Whether a replica starting from {@code state} votes for {@code proposal} (its persists acknowledged). */
    private boolean votesFor(ValidatorState state, Proposal proposal) {
        Replica replica = new Replica(cluster.config, cluster.keys.get(VALIDATOR), cluster.validators,
                state.recovered());
        long now = cluster.now() + 10;
        List<Output> outputs = new ArrayList<>(replica.start(now));
        outputs.addAll(replica.handle(new Input.MessageReceived(proposal.block().header().proposer(), proposal), now));
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) instanceof Output.PersistSafetyState persist) {
                outputs.addAll(replica.handle(new Input.PersistCompleted(persist.sequence()), now));
            }
        }
        return outputs.stream().anyMatch(o -> (o instanceof Output.Broadcast b && isVote(b.message(), proposal))
                || (o instanceof Output.Send s && isVote(s.message(), proposal)));
    }

    private static boolean isVote(Object message, Proposal proposal) {
        return message instanceof Vote vote && vote.round() == proposal.round()
                && vote.blockHash().equals(proposal.block().hash());
    }

    /** The same round's leader proposes another block on the same parent: a valid proposal, but a second one. */
    private Proposal equivocate(Proposal original) {
        Block block = original.block();
        Block other = Block.create(block.height(), block.round(), block.parentHash(),
                new org.fogledger.ledger.chain.ExecutedResults(0, Hash.ZERO),
                block.header().proposer(), block.header().timestampMillis() + 1, List.of());
        KeyPair leader = cluster.keys.get(cluster.validators.indexOf(block.header().proposer()));
        assertNotNull(leader);
        return new Proposal(other, original.justify(), original.lastRoundTc(),
                leader.sign(ConsensusSigning.proposal(other.hash(), other.round())));
    }

    private static ValidatorState fold(ValidatorState state, List<ValidatorEvent> events) {
        for (ValidatorEvent event : events) {
            state.apply(event);
        }
        return state;
    }

    /** Through the bytes a snapshot store keeps. */
    private static ValidatorSnapshot roundTrip(ValidatorSnapshot snapshot) {
        try {
            return (ValidatorSnapshot) SERIALIZER.fromBinary(SERIALIZER.toBinary(snapshot),
                    ValidatorSnapshotSerializer.SNAPSHOT_MANIFEST);
        } catch (NotSerializableException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair client(int i) {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) (0x90 + i));
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
    }
}
