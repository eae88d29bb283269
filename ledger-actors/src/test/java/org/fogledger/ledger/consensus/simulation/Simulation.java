package org.fogledger.ledger.consensus.simulation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.consensus.BlockResponse;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.ConsensusMessage;
import org.fogledger.ledger.consensus.Input;
import org.fogledger.ledger.consensus.Output;
import org.fogledger.ledger.consensus.Proposal;
import org.fogledger.ledger.consensus.RecoveredState;
import org.fogledger.ledger.consensus.Replica;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.consensus.SignatureVerifier;
import org.fogledger.ledger.consensus.TimerKind;
import org.fogledger.ledger.consensus.Vote;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Runs n replicas over a simulated network and clock, single-threaded, from one seed. Two phases, as in TigerBeetle's
 * VOPR: a chaos phase (message delays, drops, duplicates, reordering, partitions that form and heal, crashes and
 * restarts, one Byzantine validator) checked for safety, then a healed phase (no drops, no partitions, everybody
 * up; the Byzantine validator stays) checked for liveness. Invariants are checked by separate checkers as events
 * happen; the run stops at the first violation and reports it with the seed and the trace.
 */
public final class Simulation {
    private static final int CLIENTS = 3;
    /** Far above a healthy run (tens of thousands of messages), far below a storm. */
    private static final int MAX_MESSAGES = 400_000;
    /** Clients without a receipt after this long submit again, as real clients do (a crash loses a pool). */
    private static final long CLIENT_RETRY_MILLIS = 2_000;

    private final SimulationConfig config;
    private final SplittableRandom network;
    private final SplittableRandom faults;
    private final SplittableRandom clients;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final List<SimNode> nodes = new ArrayList<>();
    private final ValidatorSet validatorSet;
    private final Block genesis;
    private final Trace trace;
    private final SafetyChecker safety = new SafetyChecker();
    private final ValidityChecker validity = new ValidityChecker();
    private final DurabilityChecker durability = new DurabilityChecker();
    private final VotingRuleChecker votingRule = new VotingRuleChecker();
    private final SignatureVerifier verifier = new CachingVerifier(SignatureVerifier.direct());
    private final List<KeyPair> clientKeys = new ArrayList<>();
    private final long[] clientNonces = new long[CLIENTS];
    private final MalformedMessages malformed;

    private long now;
    private long sequence;
    private boolean healed;
    private long healTime = -1;
    private long heightAtHeal;
    private long roundAtHeal;
    private String violation;
    private int messagesDelivered;

    public Simulation(SimulationConfig config) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed());
        this.network = root.split();
        this.faults = root.split();
        this.clients = root.split();
        this.trace = new Trace(Boolean.getBoolean("consensus.trace.full") ? Integer.MAX_VALUE : 300);
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < config.validators(); i++) {
            keys.add(TestKeys.validator(i));
        }
        this.validatorSet = new ValidatorSet(keys.stream().map(KeyPair::publicKey).toList());
        this.genesis = Block.genesis(SimulationConfig.CHAIN_ID);
        for (int i = 0; i < CLIENTS; i++) {
            clientKeys.add(TestKeys.client(i));
        }
        int faulty = config.faults() == FaultProfile.NONE ? -1 : faults.nextInt(config.validators());
        for (int i = 0; i < config.validators(); i++) {
            KeyPair key = keys.get(i);
            if (i == faulty && config.faults() == FaultProfile.TWINS) {
                nodes.add(new SimNode(nodes.size(), "v" + i + "a", key, false, true));
                nodes.add(new SimNode(nodes.size(), "v" + i + "b", key, false, true));
            } else {
                SimNode node = new SimNode(nodes.size(), "v" + i, key, i == faulty && config.faults() == FaultProfile.MALFORMED,
                        false);
                node.silent = i == faulty && config.faults() == FaultProfile.SILENT;
                nodes.add(node);
            }
        }
        KeyPair faultyKey = faulty >= 0 ? keys.get(faulty) : keys.get(0);
        this.malformed = new MalformedMessages(faults.split(), validatorSet, genesis, faultyKey, clientKeys.get(0));
    }

    /** Runs to the end (or the first violation) and says what happened. */
    public SimulationResult run() {
        for (SimNode node : nodes) {
            node.boot(now);
            apply(node, node.replica.start(now));
        }
        schedule(config.clientIntervalMillis(), new Event.ClientSubmit());
        schedule(CLIENT_RETRY_MILLIS, new Event.ClientRetry());
        if (config.partitions()) {
            schedule(500 + faults.nextInt(1500), new Event.Repartition());
        }
        if (config.crashes()) {
            schedule(300 + faults.nextInt(2000), new Event.Crash());
        }
        for (SimNode node : nodes) {
            if (node.silent) {
                schedule(faults.nextInt((int) config.chaosMillis()), new Event.Silence(node.index));
            }
        }
        schedule(config.chaosMillis(), new Event.Heal());
        long deadline = config.chaosMillis() + config.livenessBudgetMillis();
        while (violation == null && !queue.isEmpty()) {
            Event event = queue.poll();
            now = event.time;
            if (now > deadline) {
                break;
            }
            handle(event);
            if (messagesDelivered > MAX_MESSAGES) {
                // A message storm (replicas answering each other forever) stalls a real network too.
                violation = "robustness: more than " + MAX_MESSAGES + " messages delivered by " + now
                        + "ms simulated; replicas are flooding each other";
                break;
            }
            if (healed && livenessReached()) {
                break;
            }
        }
        if (violation == null && !livenessReached()) {
            violation = "liveness: after healing at " + healTime + "ms no progress to height " + (heightAtHeal + 3)
                    + " with all " + validity.submittedCount() + " submitted transactions committed within "
                    + config.livenessBudgetMillis() + "ms / " + config.livenessRoundBudget() + " rounds; "
                    + honestStatus();
        }
        if (violation == null) {
            violation = checkHonestReplicasHealthy();
        }
        return new SimulationResult(config, violation, trace.render(), now, maxHonestHeight(), maxRound(),
                messagesDelivered, dropTotals());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Events

    private void handle(Event event) {
        if (event.kind instanceof Event.Deliver deliver) {
            SimNode to = nodes.get(deliver.to());
            if (!to.up || to.incarnation != deliver.incarnation()) {
                return;
            }
            messagesDelivered++;
            trace.add(now, to.name + " <- " + deliver.message() + " from " + nameOf(deliver.from()));
            apply(to, to.replica.handle(new Input.MessageReceived(deliver.fromKey(), deliver.message()), now));
        } else if (event.kind instanceof Event.TimerFire fire) {
            SimNode node = nodes.get(fire.node());
            if (!node.up || node.incarnation != fire.incarnation()
                    || node.timerGeneration.getOrDefault(fire.timer(), -1L) != fire.generation()) {
                return;
            }
            trace.add(now, node.name + " timer " + fire.timer() + " r" + fire.round());
            apply(node, node.replica.handle(new Input.TimerFired(fire.timer(), fire.round()), now));
        } else if (event.kind instanceof Event.PersistDone done) {
            SimNode node = nodes.get(done.node());
            if (!node.up || node.incarnation != done.incarnation()) {
                return;
            }
            node.durableSafety = done.state();
            apply(node, node.replica.handle(new Input.PersistCompleted(done.sequence()), now));
        } else if (event.kind instanceof Event.ClientSubmit) {
            submitTransaction();
        } else if (event.kind instanceof Event.ClientRetry) {
            resubmitUncommitted();
        } else if (event.kind instanceof Event.Repartition) {
            repartition();
        } else if (event.kind instanceof Event.Crash) {
            crashSomeone();
        } else if (event.kind instanceof Event.Restart restart) {
            restart(nodes.get(restart.node()));
        } else if (event.kind instanceof Event.Silence silence) {
            SimNode node = nodes.get(silence.node());
            node.up = false;
            trace.add(now, node.name + " CRASH for good (silent validator)");
        } else if (event.kind instanceof Event.Heal) {
            heal();
        }
    }

    /** Carries out a replica's outputs: the host's job, done the way a real host must (persist, then send). */
    private void apply(SimNode node, List<Output> outputs) {
        for (Output output : outputs) {
            if (output instanceof Output.PersistSafetyState persist) {
                // A disk completes writes in the order it took them.
                long done = Math.max(node.diskBusyUntil, now + 1 + network.nextInt(5));
                node.diskBusyUntil = done;
                schedule(done - now, new Event.PersistDone(node.index, node.incarnation, persist.sequence(),
                        persist.state()));
            } else if (output instanceof Output.PersistBlock persist) {
                // The disk takes blocks in order, before the safety state queued after them.
                node.storedBlocks.put(persist.block().block().hash(), persist.block());
            } else if (output instanceof Output.Send send) {
                checkDurableBeforeSending(node, send.message());
                for (SimNode to : nodes) {
                    if (to.key.publicKey().equals(send.to()) && to != node) {
                        transmit(node, to, send.message());
                    }
                }
            } else if (output instanceof Output.Broadcast broadcast) {
                checkDurableBeforeSending(node, broadcast.message());
                for (SimNode to : nodes) {
                    if (!to.key.publicKey().equals(node.key.publicKey())) {
                        transmit(node, to, broadcast.message());
                    }
                }
            } else if (output instanceof Output.Commit commit) {
                onCommit(node, commit.blocks());
            } else if (output instanceof Output.SetTimer timer) {
                long generation = node.timerGeneration.merge(timer.kind(), 1L, Long::sum);
                schedule(timer.delayMillis(), new Event.TimerFire(node.index, node.incarnation, timer.kind(),
                        timer.round(), generation));
            }
        }
        if (node.malformed && node.up) {
            for (ConsensusMessage garbage : malformed.next(now)) {
                SimNode to = nodes.get(faults.nextInt(nodes.size()));
                if (to != node) {
                    transmit(node, to, garbage);
                }
            }
        }
    }

    private void checkDurableBeforeSending(SimNode node, ConsensusMessage message) {
        if (message instanceof Proposal proposal) {
            votingRule.onBlockSeen(proposal.block() == null ? null : proposal.block().hash(), proposal.justify());
        } else if (message instanceof BlockResponse response && response.blocks() != null) {
            for (ChainedBlock link : response.blocks()) {
                if (link != null && link.block() != null) {
                    votingRule.onBlockSeen(link.block().hash(), link.justify());
                }
            }
        }
        String problem = durability.check(node.name, node.key.publicKey(), node.durableSafety, message);
        if (problem == null && !node.faulty() && message instanceof Vote vote && vote.voter().equals(node.key.publicKey())) {
            problem = votingRule.onVoteSent(node.name, vote, node.durableSafety);
        }
        if (problem != null && violation == null) {
            violation = problem;
            trace.add(now, "VIOLATION " + problem);
        }
    }

    private void transmit(SimNode from, SimNode to, ConsensusMessage message) {
        if (!healed) {
            if (config.partitions() && from.partition != to.partition) {
                return;
            }
            if (network.nextDouble() < config.dropRate()) {
                return;
            }
        }
        int copies = !healed && network.nextDouble() < config.duplicateRate() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = config.minDelayMillis()
                    + network.nextLong(config.maxDelayMillis() - config.minDelayMillis() + 1);
            schedule(delay, new Event.Deliver(to.index, to.incarnation, from.index, from.key.publicKey(), message));
        }
    }

    private void onCommit(SimNode node, List<CommittedBlock> blocks) {
        for (CommittedBlock block : blocks) {
            node.committed.add(block);
            node.storedBlocks.values().removeIf(stored -> stored.height() <= block.height());
            trace.add(now, node.name + " COMMIT h" + block.height() + " " + block.block().hash().shortHex()
                    + " txs=" + block.block().transactions().size());
            if (node.faulty()) {
                continue;
            }
            String problem = safety.onCommit(node.name, block.block());
            if (problem == null) {
                problem = validity.onCommit(block.block());
            }
            if (problem != null && violation == null) {
                violation = problem;
                trace.add(now, "VIOLATION " + problem);
            }
        }
    }

    private void submitTransaction() {
        int client = clients.nextInt(CLIENTS);
        byte[] payload = ByteBuffer.allocate(8).putLong(clients.nextLong()).array();
        Transaction tx = Transaction.sign(clientKeys.get(client), SimulationConfig.CHAIN_ID, clientNonces[client]++,
                "sim/counter", "add", payload);
        validity.onSubmit(tx);
        trace.add(now, "client" + client + " submits " + tx.hash().shortHex());
        for (SimNode node : nodes) {
            if (node.up) {
                apply(node, node.replica.handle(new Input.TransactionsAvailable(List.of(tx)), now));
            }
        }
        if (!healed) {
            schedule(config.clientIntervalMillis() / 2 + clients.nextInt((int) config.clientIntervalMillis()),
                    new Event.ClientSubmit());
        }
    }

    private void resubmitUncommitted() {
        List<Transaction> waiting = validity.awaitingCommit();
        if (!waiting.isEmpty()) {
            trace.add(now, "clients resubmit " + waiting.size() + " transactions without receipts");
            for (SimNode node : nodes) {
                if (node.up) {
                    apply(node, node.replica.handle(new Input.TransactionsAvailable(waiting), now));
                }
            }
        }
        schedule(CLIENT_RETRY_MILLIS, new Event.ClientRetry());
    }

    private void repartition() {
        if (healed) {
            return;
        }
        boolean split = faults.nextBoolean() || hasTwins();
        int groups = split ? 2 + (config.validators() > 4 && faults.nextBoolean() ? 1 : 0) : 1;
        for (SimNode node : nodes) {
            node.partition = groups == 1 ? 0 : faults.nextInt(groups);
        }
        if (hasTwins() && groups > 1) {
            // Twins sit in different partitions: that is how they equivocate to different honest validators.
            List<SimNode> twins = nodes.stream().filter(n -> n.twin).toList();
            twins.get(0).partition = 0;
            twins.get(1).partition = 1;
        }
        StringBuilder layout = new StringBuilder("partition");
        for (SimNode node : nodes) {
            layout.append(' ').append(node.name).append('=').append(node.partition);
        }
        trace.add(now, layout.toString());
        schedule(500 + faults.nextInt(2500), new Event.Repartition());
    }

    private void crashSomeone() {
        if (healed) {
            return;
        }
        SimNode node = nodes.get(faults.nextInt(nodes.size()));
        if (node.up) {
            node.up = false;
            trace.add(now, node.name + " CRASH (durable: voted r" + node.durableSafety.highestVotedRound() + ")");
            schedule(200 + faults.nextInt(2500), new Event.Restart(node.index));
        }
        schedule(500 + faults.nextInt(3000), new Event.Crash());
    }

    private void restart(SimNode node) {
        if (node.up || node.silent) {
            return;
        }
        node.boot(now);
        trace.add(now, node.name + " RESTART at committed h" + node.replica.committedHeight());
        apply(node, node.replica.start(now));
    }

    private void heal() {
        healed = true;
        healTime = now;
        for (SimNode node : nodes) {
            node.partition = 0;
            if (!node.up) {
                restart(node);
            }
        }
        heightAtHeal = maxHonestHeight();
        roundAtHeal = maxRound();
        trace.add(now, "HEAL: network whole, everybody up; committed h" + heightAtHeal + " round " + roundAtHeal);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Liveness and health

    private boolean livenessReached() {
        if (!healed) {
            return false;
        }
        for (SimNode node : nodes) {
            if (node.faulty()) {
                continue;
            }
            if (node.replica.committedHeight() < heightAtHeal + 3) {
                return false;
            }
            if (!validity.allCommittedBy(node.committed)) {
                return false;
            }
        }
        if (maxRound() - roundAtHeal > config.livenessRoundBudget()) {
            violation = "liveness: more than " + config.livenessRoundBudget() + " rounds after healing; " + honestStatus();
            return true;
        }
        return true;
    }

    private String checkHonestReplicasHealthy() {
        for (SimNode node : nodes) {
            if (node.faulty() || node.replica == null) {
                continue;
            }
            if (node.replica.unexpectedErrors() > 0) {
                RuntimeException error = node.replica.lastUnexpectedError();
                return "robustness: " + node.name + " hit " + node.replica.unexpectedErrors() + " unexpected errors, last: "
                        + error + " at " + (error.getStackTrace().length > 0 ? error.getStackTrace()[0] : "?");
            }
            for (Map.Entry<String, Integer> buffer : node.replica.bufferSizes().entrySet()) {
                if (buffer.getValue() > 1_000) {
                    return "boundedness: " + node.name + " holds " + buffer.getValue() + " " + buffer.getKey();
                }
            }
        }
        return null;
    }

    private long maxHonestHeight() {
        return nodes.stream().filter(n -> !n.faulty() && n.replica != null)
                .mapToLong(n -> n.replica.committedHeight()).max().orElse(0);
    }

    private long maxRound() {
        return nodes.stream().filter(n -> !n.faulty() && n.replica != null)
                .mapToLong(n -> n.replica.currentRound()).max().orElse(0);
    }

    private String honestStatus() {
        StringBuilder status = new StringBuilder();
        for (SimNode node : nodes) {
            status.append(node.name).append(node.faulty() ? "(faulty)" : "").append(": round ")
                    .append(node.replica.currentRound()).append(" committed h").append(node.replica.committedHeight())
                    .append(" pending ").append(node.replica.pendingTransactions()).append("; ");
        }
        return status.toString();
    }

    private Map<String, Long> dropTotals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (SimNode node : nodes) {
            if (node.replica != null && !node.faulty()) {
                node.replica.drops().asMap().forEach((reason, count) -> totals.merge(reason.name(), count, Long::sum));
            }
        }
        return totals;
    }

    private boolean hasTwins() {
        return config.faults() == FaultProfile.TWINS;
    }

    private String nameOf(int index) {
        return nodes.get(index).name;
    }

    private void schedule(long delay, Event.Kind kind) {
        queue.add(new Event(now + delay, sequence++, kind));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** One simulated validator process: a replica plus what its disk keeps across crashes. */
    private final class SimNode {
        final int index;
        final String name;
        final KeyPair key;
        final boolean malformed;
        final boolean twin;
        boolean silent;
        Replica replica;
        boolean up;
        int incarnation;
        long diskBusyUntil;
        int partition;
        SafetyState durableSafety;
        final List<CommittedBlock> committed = new ArrayList<>();
        final Map<org.fogledger.ledger.crypto.Hash, ChainedBlock> storedBlocks = new LinkedHashMap<>();
        final Map<TimerKind, Long> timerGeneration = new EnumMap<>(TimerKind.class);

        SimNode(int index, String name, KeyPair key, boolean malformed, boolean twin) {
            this.index = index;
            this.name = name;
            this.key = key;
            this.malformed = malformed;
            this.twin = twin;
        }

        boolean faulty() {
            return malformed || twin || silent;
        }

        /** Starts from the disk: the durable safety state and the committed chain. The rest is gone. */
        void boot(long time) {
            RecoveredState recovered;
            if (durableSafety == null) {
                recovered = RecoveredState.fresh(genesis);
                durableSafety = recovered.safety();
                committed.add(recovered.genesis());
            } else {
                recovered = new RecoveredState(durableSafety, committed, List.copyOf(storedBlocks.values()));
            }
            // One twin forgets recent certificates when it leads; the other behaves; honest nodes run the code tested.
            ReplicaFactory factory = twin && name.endsWith("b") ? PlantedBugs.FORGETFUL_LEADER
                    : faulty() ? ReplicaFactory.HONEST : config.replicaFactory();
            replica = factory.create(config.consensus(), key, validatorSet, verifier, recovered);
            up = true;
            incarnation++;
            timerGeneration.clear();
        }
    }

    /** A seeded event: ordered by time, then by the order it was scheduled, so runs are reproducible. */
    private static final class Event implements Comparable<Event> {
        sealed interface Kind permits Deliver, TimerFire, PersistDone, ClientSubmit, ClientRetry, Repartition, Crash,
                Restart, Silence, Heal {
        }

        record Deliver(int to, int incarnation, int from, PublicKey fromKey, ConsensusMessage message) implements Kind {
        }

        record TimerFire(int node, int incarnation, TimerKind timer, long round, long generation) implements Kind {
        }

        record PersistDone(int node, int incarnation, long sequence, SafetyState state) implements Kind {
        }

        record ClientSubmit() implements Kind {
        }

        record ClientRetry() implements Kind {
        }

        record Repartition() implements Kind {
        }

        record Crash() implements Kind {
        }

        record Restart(int node) implements Kind {
        }

        record Silence(int node) implements Kind {
        }

        record Heal() implements Kind {
        }

        final long time;
        final long sequence;
        final Kind kind;

        Event(long time, long sequence, Kind kind) {
            this.time = time;
            this.sequence = sequence;
            this.kind = kind;
        }

        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
