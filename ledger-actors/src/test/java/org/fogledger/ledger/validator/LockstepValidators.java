package org.fogledger.ledger.validator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.consensus.ConsensusConfig;
import org.fogledger.ledger.consensus.ConsensusMessage;
import org.fogledger.ledger.consensus.Input;
import org.fogledger.ledger.consensus.Output;
import org.fogledger.ledger.consensus.Proposal;
import org.fogledger.ledger.consensus.RecoveredState;
import org.fogledger.ledger.consensus.Replica;
import org.fogledger.ledger.consensus.TimerKind;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * Four real consensus replicas in lockstep, without Pekko: every message is delivered at once in FIFO order, every
 * persist is acknowledged at once, and when nothing is left to deliver the earliest timer fires. Each replica's
 * outputs become the journal events its validator would write (as {@code ValidatorActor.carryOut} maps them), so
 * tests get real journals (real blocks, certificates, votes) in milliseconds and deterministically.
 */
final class LockstepValidators {
    static final String CHAIN_ID = "fogledger-lockstep";

    private record Delivery(int to, PublicKey from, ConsensusMessage message) {
    }

    private record Timer(long round, long dueMillis) {
    }

    final List<KeyPair> keys = new ArrayList<>();
    final ValidatorSet validators;
    final ConsensusConfig config;
    final Block genesis = Block.genesis(CHAIN_ID);
    private final List<Replica> replicas = new ArrayList<>();
    private final List<List<ValidatorEvent>> journals = new ArrayList<>();
    private final List<Map<TimerKind, Timer>> timers = new ArrayList<>();
    /** Every proposal broadcast, in order. */
    final List<Proposal> proposals = new ArrayList<>();
    private final ArrayDeque<Delivery> network = new ArrayDeque<>();
    private long now = 1_000;

    LockstepValidators(int retainedCommittedBlocks) {
        for (int i = 0; i < 4; i++) {
            byte[] secret = new byte[32];
            Arrays.fill(secret, (byte) (0x30 + i));
            keys.add(KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret));
        }
        validators = new ValidatorSet(keys.stream().map(KeyPair::publicKey).toList());
        config = ConsensusConfig.defaults(CHAIN_ID).withRetainedCommittedBlocks(retainedCommittedBlocks);
        for (int i = 0; i < 4; i++) {
            replicas.add(new Replica(config, keys.get(i), validators, RecoveredState.fresh(genesis)));
            journals.add(new ArrayList<>());
            timers.add(new EnumMap<>(TimerKind.class));
        }
        for (int i = 0; i < 4; i++) {
            carryOut(i, replicas.get(i).start(now));
        }
    }

    /** The events validator {@code index} journaled so far, in order. */
    List<ValidatorEvent> journal(int index) {
        return journals.get(index);
    }

    long committedHeight(int index) {
        return replicas.get(index).committedHeight();
    }

    long now() {
        return now;
    }

    /** Hands client transactions to every validator, as submissions forwarded between validators do. */
    void submit(List<Transaction> transactions) {
        for (int i = 0; i < 4; i++) {
            carryOut(i, replicas.get(i).handle(new Input.TransactionsAvailable(transactions), now));
        }
        drain();
    }

    /** Runs until validator {@code index} has committed {@code height}. */
    void runUntilCommitted(int index, long height) {
        int steps = 0;
        while (committedHeight(index) < height) {
            drain();
            fireEarliestTimer();
            if (++steps > 100_000) {
                throw new AssertionError("no progress to height " + height + " (at " + committedHeight(index) + ")");
            }
        }
    }

    private void drain() {
        while (!network.isEmpty()) {
            Delivery delivery = network.poll();
            now++;
            carryOut(delivery.to(), replicas.get(delivery.to()).handle(
                    new Input.MessageReceived(delivery.from(), delivery.message()), now));
        }
    }

    private void fireEarliestTimer() {
        int who = -1;
        TimerKind which = null;
        Timer earliest = null;
        for (int i = 0; i < 4; i++) {
            for (var entry : timers.get(i).entrySet()) {
                if (earliest == null || entry.getValue().dueMillis() < earliest.dueMillis()) {
                    who = i;
                    which = entry.getKey();
                    earliest = entry.getValue();
                }
            }
        }
        if (earliest == null) {
            throw new AssertionError("nothing to deliver and no timer set");
        }
        timers.get(who).remove(which);
        now = Math.max(now, earliest.dueMillis());
        carryOut(who, replicas.get(who).handle(new Input.TimerFired(which, earliest.round()), now));
    }

    private void carryOut(int index, List<Output> outputs) {
        PublicKey self = keys.get(index).publicKey();
        for (Output output : outputs) {
            if (output instanceof Output.Send send) {
                network.add(new Delivery(validators.indexOf(send.to()), self, send.message()));
            } else if (output instanceof Output.Broadcast broadcast) {
                if (broadcast.message() instanceof Proposal proposal) {
                    proposals.add(proposal);
                }
                for (int to = 0; to < 4; to++) {
                    if (to != index) {
                        network.add(new Delivery(to, self, broadcast.message()));
                    }
                }
            } else if (output instanceof Output.PersistBlock persist) {
                journals.get(index).add(new ValidatorEvent.BlockStored(persist.block()));
            } else if (output instanceof Output.PersistSafetyState persist) {
                journals.get(index).add(new ValidatorEvent.SafetyStateSaved(persist.state()));
                // Durable at once: acknowledged before anything else reaches this replica.
                carryOut(index, replicas.get(index).handle(new Input.PersistCompleted(persist.sequence()), now));
            } else if (output instanceof Output.Commit commit) {
                journals.get(index).add(new ValidatorEvent.BlocksCommitted(commit.blocks()));
            } else if (output instanceof Output.SetTimer timer) {
                timers.get(index).put(timer.kind(), new Timer(timer.round(), now + timer.delayMillis()));
            }
        }
    }
}
