package org.fogledger.ledger.consensus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * One validator's view of chained HotStuff with the 3-chain commit rule and a timeout-certificate pacemaker
 * (the protocol of LibraBFT; see docs/CONSENSUS.md for the rules and why they are safe).
 *
 * <p>A plain, single-threaded state machine: {@link #handle} takes one {@link Input} and the current time and returns
 * the {@link Output}s for the host to carry out. It reads no clock, starts no thread, does no I/O and draws no random
 * numbers, so the same inputs in the same order always give the same outputs. Votes and timeouts are held back until
 * the safety state that records them is acknowledged as durable.
 *
 * <p>Everything received is checked before it is used; what fails is dropped and counted by {@link DropReason}.
 */
public class Replica {
    private static final int MAX_BUFFERED_PROPOSALS = 64;
    private static final int MAX_PENDING_CERTIFICATES = 64;
    private static final int MAX_OUTSTANDING_REQUESTS = 256;
    private static final int BLOCKS_PER_REQUEST = 64;
    private static final int MAX_ORPHANS = 4_096;
    /** Votes are only useful to the next leader while it is near their round. */
    private static final long VOTE_ROUNDS_AHEAD = 2;

    private enum RoundEntry { CERTIFIED, TIMED_OUT, JOINED }

    private final ConsensusConfig config;
    private final KeyPair key;
    private final PublicKey self;
    private final ValidatorSet validators;
    private final SignatureVerifier verifier;
    private final SafetyRules rules;
    private final RoundTimeouts roundTimeouts;
    private final CertificateChecker certificates;
    private final BlockTree tree;
    private final VoteCollector votes;
    private final TimeoutCollector timeouts;
    private final TransactionSource pool;
    private final DropCounters drops = new DropCounters();

    private SafetyState safety;
    // What this replica's proposals claim about its host's execution; starts with genesis' claim.
    private ExecutedResults executed;
    private long currentRound;
    private int consecutiveTimeouts;
    private TimeoutCertificate lastRoundTc;
    private long proposedRound = -1;
    private long idleTimerRound = -1;
    private Timeout ownTimeout;

    private long persistSequence;
    private long durableSequence;
    private final TreeMap<Long, List<Output>> heldUntilDurable = new TreeMap<>();

    /** Proposals whose parent is not known yet, by parent hash. */
    private final LinkedHashMap<Hash, List<Proposal>> waitingForParent = new LinkedHashMap<>();
    private int bufferedProposals;
    /** Verified certificates of blocks not received yet. */
    private final LinkedHashMap<Hash, QuorumCertificate> certificatesWaitingForBlock = new LinkedHashMap<>();
    private record HelpGiven(long round, long atMillis) {
    }

    /** The last timeout sent to each lagging peer for a round it was stuck in, and when. */
    private final Map<PublicKey, HelpGiven> helpGiven = new java.util.HashMap<>();
    /** Fetched blocks whose parent is not here yet, by parent hash. */
    private final LinkedHashMap<Hash, ChainedBlock> orphans = new LinkedHashMap<>();
    /** Blocks asked for, with the round in which they were last asked for (ask again at most once per round). */
    private final LinkedHashMap<Hash, Long> requested = new LinkedHashMap<>();

    private long now;
    private List<Output> out = new ArrayList<>();
    private long unexpectedErrors;
    private RuntimeException lastUnexpectedError;

    public Replica(ConsensusConfig config, KeyPair key, ValidatorSet validators, SignatureVerifier verifier,
                   SafetyRules rules, RecoveredState recovered) {
        this(config, key, validators, verifier, rules, recovered,
                new TransactionPool(config.maxPendingTransactions()));
    }

    /**
     * A replica that draws its blocks from {@code transactions} (a node's mempool) instead of its own simple pool.
     * The source is read only while handling an input, from the same thread, so the replica stays deterministic
     * given the source's answers.
     */
    public Replica(ConsensusConfig config, KeyPair key, ValidatorSet validators, SignatureVerifier verifier,
                   SafetyRules rules, RecoveredState recovered, TransactionSource transactions) {
        if (!validators.contains(key.publicKey())) {
            throw new IllegalArgumentException("this replica's key is not in the validator set");
        }
        this.config = config;
        this.key = key;
        this.self = key.publicKey();
        this.validators = validators;
        this.verifier = verifier;
        this.rules = rules;
        this.roundTimeouts = new RoundTimeouts(config.baseRoundTimeoutMillis(), config.maxRoundTimeoutMillis());
        this.certificates = new CertificateChecker(validators, verifier,
                QuorumCertificate.genesis(Block.genesis(config.chainId())));
        this.tree = new BlockTree(chained(recovered.committedChain()), config.retainedCommittedBlocks());
        this.votes = new VoteCollector(validators);
        this.timeouts = new TimeoutCollector(validators);
        this.pool = transactions;
        this.safety = recovered.safety();
        this.executed = Block.genesis(config.chainId()).header().executed();
        recovered.uncommittedBlocks().stream()
                .sorted(java.util.Comparator.comparingLong(ChainedBlock::height))
                .forEach(tree::add);
    }

    public Replica(ConsensusConfig config, KeyPair key, ValidatorSet validators, RecoveredState recovered) {
        this(config, key, validators, SignatureVerifier.direct(), new SafetyRules(), recovered);
    }

    private static List<ChainedBlock> chained(List<CommittedBlock> committed) {
        List<ChainedBlock> chain = new ArrayList<>(committed.size());
        for (int i = 0; i < committed.size(); i++) {
            QuorumCertificate justify = i == 0 ? committed.get(0).certificate() : committed.get(i - 1).certificate();
            chain.add(new ChainedBlock(committed.get(i).block(), justify));
        }
        return chain;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Entry points

    /**
     * Starts (or restarts) the replica in the round after its highest certificate, or in the round it last voted or
     * timed out in if that is later: it cannot act in earlier rounds any more, and must be able to time out of this one.
     */
    public List<Output> start(long now) {
        long round = Math.max(1, Math.max(safety.highQc().round() + 1, safety.highestVotedRound()));
        return step(now, () -> enterRound(round, RoundEntry.CERTIFIED));
    }

    public List<Output> handle(Input input, long now) {
        return step(now, () -> dispatch(input));
    }

    private List<Output> step(long now, Runnable work) {
        this.now = now;
        this.out = new ArrayList<>();
        try {
            work.run();
        } catch (RuntimeException e) {
            // Validation is explicit; reaching here means a check is missing. Count it, keep the replica alive.
            unexpectedErrors++;
            lastUnexpectedError = e;
            drops.count(DropReason.MALFORMED);
        }
        List<Output> result = out;
        out = new ArrayList<>();
        return result;
    }

    private void dispatch(Input input) {
        if (input instanceof Input.MessageReceived received) {
            onMessage(received.from(), received.message());
        } else if (input instanceof Input.TimerFired timer) {
            onTimer(timer.kind(), timer.round());
        } else if (input instanceof Input.TransactionsAvailable available) {
            onTransactions(available.transactions());
        } else if (input instanceof Input.PersistCompleted persisted) {
            onPersisted(persisted.sequence());
        } else if (input instanceof Input.Executed done) {
            if (done.results().height() > executed.height()) {
                executed = done.results();
            }
        } else {
            drops.count(DropReason.MALFORMED);
        }
    }

    private void onMessage(PublicKey from, ConsensusMessage message) {
        if (message instanceof Proposal proposal) {
            onProposal(proposal, from);
        } else if (message instanceof Vote vote) {
            onVote(vote);
        } else if (message instanceof Timeout timeout) {
            onTimeout(timeout);
        } else if (message instanceof BlockRequest request) {
            onBlockRequest(request, from);
        } else if (message instanceof BlockResponse response) {
            onBlockResponse(response, from);
        } else {
            drops.count(DropReason.MALFORMED);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Proposals

    private void onProposal(Proposal proposal, PublicKey from) {
        if (proposal.block() == null || proposal.justify() == null || proposal.signature() == null) {
            drops.count(DropReason.MALFORMED);
            return;
        }
        Block block = proposal.block();
        long round = block.round();
        PublicKey proposer = block.header().proposer();
        if (!validators.contains(proposer)) {
            drops.count(DropReason.NOT_A_VALIDATOR);
            return;
        }
        if (!proposer.equals(validators.leaderFor(round))) {
            drops.count(DropReason.WRONG_LEADER);
            return;
        }
        if (!verifier.verify(proposer, ConsensusSigning.proposal(block.hash(), round), proposal.signature())) {
            drops.count(DropReason.BAD_SIGNATURE);
            return;
        }
        QuorumCertificate justify = proposal.justify();
        if (!certificates.isValid(justify)) {
            drops.count(DropReason.BAD_QUORUM_CERTIFICATE);
            return;
        }
        TimeoutCertificate tc = proposal.lastRoundTc();
        if (tc != null && (tc.round() != round - 1 || !certificates.isValid(tc))) {
            drops.count(DropReason.BAD_TIMEOUT_CERTIFICATE);
            return;
        }
        DropReason linkProblem = checkLink(block, justify);
        if (linkProblem != null) {
            drops.count(linkProblem);
            return;
        }
        if (justify.round() != round - 1 && tc == null) {
            drops.count(DropReason.UNJUSTIFIED_ROUND);
            return;
        }
        DropReason sizeProblem = checkSize(block);
        if (sizeProblem != null) {
            drops.count(sizeProblem);
            return;
        }
        // The certificates are proven: learn from them even if the block itself turns out unusable.
        processCertificate(justify, from);
        if (tc != null) {
            processTimeoutCertificate(tc);
        }
        Hash hash = block.hash();
        if (!tree.contains(hash)) {
            if (!tree.canAttach(block.parentHash())) {
                if (block.height() <= tree.root().height()) {
                    drops.count(DropReason.STALE_ROUND);
                } else {
                    bufferUntilParentKnown(proposal, from);
                }
                return;
            }
            DropReason contentProblem = checkContents(block, tree.get(block.parentHash()));
            if (contentProblem != null) {
                drops.count(contentProblem);
                return;
            }
            addBlock(new ChainedBlock(block, justify));
        }
        maybeVote(block, justify);
    }

    private DropReason checkLink(Block block, QuorumCertificate justify) {
        if (block.height() != justify.height() + 1 || !block.parentHash().equals(justify.blockHash())
                || block.round() <= justify.round()) {
            return DropReason.BAD_PARENT_LINK;
        }
        return null;
    }

    private DropReason checkSize(Block block) {
        List<Transaction> txs = block.transactions();
        if (txs.size() > config.maxTransactionsPerBlock()) {
            return DropReason.BLOCK_TOO_LARGE;
        }
        long bytes = 0;
        for (Transaction tx : txs) {
            bytes += tx.encodedSize();
        }
        if (bytes > config.maxBlockBytes()) {
            return DropReason.BLOCK_TOO_LARGE;
        }
        return block.transactionsMatchRoot() ? null : DropReason.BAD_TRANSACTIONS_ROOT;
    }

    /** Rules a proposed (not yet certified) block must meet before this replica will vote for it. */
    private DropReason checkContents(Block block, ChainedBlock parent) {
        long timestamp = block.header().timestampMillis();
        if (timestamp < parent.block().header().timestampMillis() || timestamp > now + config.maxClockSkewMillis()) {
            return DropReason.TIMESTAMP_OUT_OF_RANGE;
        }
        Set<Hash> inBlock = new HashSet<>();
        Set<Hash> ancestors = null;
        for (Transaction tx : block.transactions()) {
            if (!config.chainId().equals(tx.chainId())
                    || !verifier.verify(tx.sender(), tx.signingBytes(), tx.signature())) {
                return DropReason.BAD_TRANSACTION;
            }
            Hash txHash = tx.hash();
            if (ancestors == null) {
                ancestors = tree.uncommittedTransactionsUpTo(block.parentHash());
            }
            if (!inBlock.add(txHash) || ancestors.contains(txHash) || tree.committedTransactions().contains(txHash)) {
                return DropReason.DUPLICATE_TRANSACTION;
            }
        }
        return null;
    }

    private void maybeVote(Block block, QuorumCertificate justify) {
        long round = block.round();
        if (round != currentRound || !rules.mayVote(safety, round, justify.round())) {
            return;
        }
        safety = safety.withHighestVotedRound(round);
        Vote vote = new Vote(block.hash(), round, block.height(), self,
                key.sign(ConsensusSigning.vote(block.hash(), round, block.height())));
        // Votes go to every validator, not only the next leader: each one forms the certificate itself, so a crashed
        // leader of round r+1 cannot stop round r's block from being certified, and the 3-chain of three live leaders
        // in a row commits even with f validators down (see docs/CONSENSUS.md). O(n^2) votes, fine for fog clusters.
        persistThen(List.of(new Output.Broadcast(vote), new Output.Send(self, vote)));
    }

    private void bufferUntilParentKnown(Proposal proposal, PublicKey from) {
        if (bufferedProposals >= MAX_BUFFERED_PROPOSALS) {
            drops.count(DropReason.BUFFER_FULL);
            return;
        }
        waitingForParent.computeIfAbsent(proposal.block().parentHash(), h -> new ArrayList<>()).add(proposal);
        bufferedProposals++;
        requestBlock(proposal.block().parentHash(), from);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Votes and certificates

    private void onVote(Vote vote) {
        if (vote.blockHash() == null || vote.voter() == null || vote.signature() == null) {
            drops.count(DropReason.MALFORMED);
            return;
        }
        if (!validators.contains(vote.voter())) {
            drops.count(DropReason.NOT_A_VALIDATOR);
            return;
        }
        if (vote.round() < currentRound - 1 || vote.round() <= 0) {
            drops.count(DropReason.STALE_ROUND);
            return;
        }
        if (vote.round() > currentRound + VOTE_ROUNDS_AHEAD) {
            drops.count(DropReason.ROUND_TOO_FAR_AHEAD);
            return;
        }
        if (vote.height() <= 0
                || !verifier.verify(vote.voter(), ConsensusSigning.vote(vote.blockHash(), vote.round(), vote.height()),
                        vote.signature())) {
            drops.count(DropReason.BAD_SIGNATURE);
            return;
        }
        VoteCollector.Result result = votes.add(vote);
        if (result instanceof VoteCollector.Rejected rejected) {
            drops.count(rejected.reason());
        } else if (result instanceof VoteCollector.Counted counted && counted.certificate().isPresent()) {
            processCertificate(counted.certificate().get(), vote.voter());
        }
    }

    /**
     * Learns from a proven certificate: raise the high QC, move to the next round, and apply the 2-chain lock and the
     * 3-chain commit rule once the certified block is known.
     */
    private void processCertificate(QuorumCertificate qc, PublicKey source) {
        safety = safety.withHighQc(qc);
        if (qc.round() >= currentRound) {
            enterRound(qc.round() + 1, RoundEntry.CERTIFIED);
        }
        if (qc.round() == 0 || tree.contains(qc.blockHash())) {
            applyChainRules(qc);
        } else if (qc.height() > tree.root().height()) {
            if (certificatesWaitingForBlock.size() >= MAX_PENDING_CERTIFICATES) {
                Iterator<Hash> oldest = certificatesWaitingForBlock.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            certificatesWaitingForBlock.put(qc.blockHash(), qc);
            requestBlock(qc.blockHash(), source);
        }
    }

    /** qc certifies b1; b1's justification certifies b2 (lock on it); b2's certifies b3 (commit it if rounds are consecutive). */
    private void applyChainRules(QuorumCertificate qc) {
        ChainedBlock b1 = tree.get(qc.blockHash());
        if (b1 == null) {
            return;
        }
        QuorumCertificate qc1 = b1.justify();
        ChainedBlock b2 = tree.get(qc1.blockHash());
        if (b2 == null) {
            return;
        }
        safety = safety.withLockedQc(qc1);
        QuorumCertificate qc2 = b2.justify();
        ChainedBlock b3 = tree.get(qc2.blockHash());
        if (b3 == null || b3.height() <= tree.root().height()) {
            return;
        }
        if (b1.round() == b2.round() + 1 && b2.round() == b3.round() + 1) {
            commit(b3, qc2);
        }
    }

    private void commit(ChainedBlock block, QuorumCertificate certificate) {
        List<CommittedBlock> committed = tree.commit(block.block().hash(), certificate);
        if (committed.isEmpty()) {
            return;
        }
        List<Hash> txHashes = new ArrayList<>();
        for (CommittedBlock c : committed) {
            for (Transaction tx : c.block().transactions()) {
                txHashes.add(tx.hash());
            }
        }
        pool.removeAll(txHashes);
        certificates.forgetBelow(block.round());
        out.add(new Output.Commit(committed));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pacemaker: rounds, timeouts, timeout certificates

    private void onTimeout(Timeout timeout) {
        if (timeout.sender() == null || timeout.highQc() == null || timeout.signature() == null) {
            drops.count(DropReason.MALFORMED);
            return;
        }
        if (!validators.contains(timeout.sender())) {
            drops.count(DropReason.NOT_A_VALIDATOR);
            return;
        }
        if (timeout.round() <= 0 || timeout.highQc().round() >= timeout.round()) {
            drops.count(DropReason.MALFORMED);
            return;
        }
        if (!verifier.verify(timeout.sender(), ConsensusSigning.timeout(timeout.round(), timeout.highQc().round()),
                timeout.signature())) {
            drops.count(DropReason.BAD_SIGNATURE);
            return;
        }
        if (!certificates.isValid(timeout.highQc())) {
            drops.count(DropReason.BAD_QUORUM_CERTIFICATE);
            return;
        }
        processCertificate(timeout.highQc(), timeout.sender());
        if (timeout.round() < currentRound) {
            helpLaggard(timeout);
            return;
        }
        if (!timeouts.add(timeout)) {
            drops.count(DropReason.DUPLICATE_MESSAGE);
            return;
        }
        timeouts.certificateFor(timeout.round()).ifPresent(this::processTimeoutCertificate);
        // f+1 validators gave up on a round at least this high: an honest one is there, so follow and give up too.
        long joined = timeouts.roundReachedByFPlusOne();
        if (joined > currentRound) {
            enterRound(joined, RoundEntry.JOINED);
        }
        if (joined == currentRound && (ownTimeout == null || ownTimeout.round() != currentRound)) {
            timeOutCurrentRound();
        }
    }

    /**
     * A peer is stuck in a round this replica has left. If its own high QC would not free it, add this replica's
     * timeout for that round, so the peers still there can form its certificate. A replica may have left a round
     * without any certificate (it restarted in the round it last timed out in, or joined f+1 others): without this,
     * the 2f+1 replicas left alive could be split across two rounds, neither able to complete a certificate.
     * Signing a timeout for a past round costs nothing: this replica has left it and will not vote in it.
     */
    private void helpLaggard(Timeout stuck) {
        if (stuck.sender().equals(self) || safety.highQc().round() >= stuck.round()) {
            // Our own echo, or a peer our certificate will free: our proposals and timeouts carry it.
            return;
        }
        // Answered again when the peer repeats its timeout after a round's time, since an answer can be lost too; but
        // not sooner: two replicas that have both left the round would otherwise answer each other's answers forever.
        HelpGiven last = helpGiven.get(stuck.sender());
        if (last != null && last.round() == stuck.round() && now - last.atMillis() < config.baseRoundTimeoutMillis()) {
            return;
        }
        if (helpGiven.size() >= validators.size() && !helpGiven.containsKey(stuck.sender())) {
            helpGiven.clear();
        }
        helpGiven.put(stuck.sender(), new HelpGiven(stuck.round(), now));
        // Like any timeout, it promises never to vote in that round: recorded durably before it leaves.
        safety = safety.withHighestVotedRound(stuck.round());
        QuorumCertificate highQc = safety.highQc();
        Timeout help = new Timeout(stuck.round(), highQc, self,
                key.sign(ConsensusSigning.timeout(stuck.round(), highQc.round())));
        persistThen(List.of(new Output.Send(stuck.sender(), help)));
    }

    private void processTimeoutCertificate(TimeoutCertificate tc) {
        if (tc.round() >= currentRound) {
            lastRoundTc = tc;
            enterRound(tc.round() + 1, RoundEntry.TIMED_OUT);
        } else if (tc.round() == currentRound - 1 && lastRoundTc == null && safety.highQc().round() != tc.round()) {
            lastRoundTc = tc;
            tryPropose(false);
        }
    }

    private void enterRound(long round, RoundEntry entry) {
        if (round <= currentRound) {
            return;
        }
        currentRound = round;
        switch (entry) {
            case CERTIFIED -> {
                consecutiveTimeouts = 0;
                lastRoundTc = null;
            }
            case TIMED_OUT -> consecutiveTimeouts++;
            case JOINED -> {
                consecutiveTimeouts++;
                lastRoundTc = null;
            }
        }
        votes.pruneBelow(round - 1);
        out.add(new Output.SetTimer(TimerKind.ROUND_TIMEOUT, round, roundTimeouts.durationAfter(consecutiveTimeouts)));
        if (self.equals(validators.leaderFor(round))) {
            tryPropose(false);
        }
    }

    private void onTimer(TimerKind kind, long round) {
        if (round != currentRound) {
            return;
        }
        if (kind == TimerKind.ROUND_TIMEOUT) {
            timeOutCurrentRound();
            // Keep re-sending the timeout while stuck in this round: the first copies may have been lost.
            out.add(new Output.SetTimer(TimerKind.ROUND_TIMEOUT, round,
                    roundTimeouts.durationAfter(consecutiveTimeouts + 1)));
        } else if (kind == TimerKind.IDLE_PROPOSAL) {
            tryPropose(true);
        }
    }

    private void timeOutCurrentRound() {
        if (ownTimeout != null && ownTimeout.round() == currentRound) {
            if (heldUntilDurable.isEmpty()) {
                out.add(new Output.Broadcast(ownTimeout));
            }
            return;
        }
        if (!rules.mayTimeout(safety, currentRound)) {
            return;
        }
        safety = safety.withHighestVotedRound(currentRound);
        QuorumCertificate highQc = safety.highQc();
        ownTimeout = new Timeout(currentRound, highQc, self,
                key.sign(ConsensusSigning.timeout(currentRound, highQc.round())));
        persistThen(List.of(new Output.Broadcast(ownTimeout), new Output.Send(self, ownTimeout)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Proposing

    private void onTransactions(List<Transaction> transactions) {
        if (transactions == null) {
            drops.count(DropReason.MALFORMED);
            return;
        }
        List<Transaction> valid = new ArrayList<>(transactions.size());
        for (Transaction tx : transactions) {
            if (tx != null && config.chainId().equals(tx.chainId())) {
                valid.add(tx);
            } else {
                drops.count(DropReason.BAD_TRANSACTION);
            }
        }
        if (pool.addAll(valid, tree.committedTransactions()) > 0 && idleTimerRound == currentRound) {
            tryPropose(false);
        }
    }

    /**
     * Proposes a block for the current round if this replica leads it and may: it entered the round through a
     * certificate of the previous round, and knows the block its high QC certifies. A leader with nothing to order
     * waits a little (the idle timer) before proposing an empty block.
     */
    private void tryPropose(boolean idleTimerFired) {
        if (proposedRound == currentRound || !self.equals(validators.leaderFor(currentRound))) {
            return;
        }
        QuorumCertificate highQc = certificateToExtend(safety.highQc(), tree::get);
        boolean justified = highQc.round() == currentRound - 1
                || (lastRoundTc != null && lastRoundTc.round() == currentRound - 1);
        if (!justified) {
            return;
        }
        Hash parentHash = highQc.blockHash();
        if (!tree.canAttach(parentHash)) {
            requestBlock(parentHash, null);
            return;
        }
        ChainedBlock parent = tree.get(parentHash);
        Set<Hash> ancestors = tree.uncommittedTransactionsUpTo(parentHash);
        Set<Hash> committed = tree.committedTransactions();
        List<Transaction> txs = pool.select(config.maxTransactionsPerBlock(), config.maxBlockBytes(),
                hash -> ancestors.contains(hash) || committed.contains(hash));
        boolean pipelineBusy = tree.hasUncommittedTransactionsUpTo(parentHash);
        if (txs.isEmpty() && !pipelineBusy && !idleTimerFired) {
            if (idleTimerRound != currentRound) {
                idleTimerRound = currentRound;
                out.add(new Output.SetTimer(TimerKind.IDLE_PROPOSAL, currentRound, config.idleProposalDelayMillis()));
            }
            return;
        }
        long timestamp = Math.max(now, parent.block().header().timestampMillis());
        // No execution results travel yet: the contract host that computes them comes later, until then ZERO.
        Block block = Block.create(parent.height() + 1, currentRound, parentHash, executed, self, timestamp, txs);
        TimeoutCertificate tc = highQc.round() == currentRound - 1 ? null : lastRoundTc;
        Proposal proposal = new Proposal(block, highQc, tc, key.sign(ConsensusSigning.proposal(block.hash(), currentRound)));
        proposedRound = currentRound;
        out.add(new Output.Broadcast(proposal));
        onProposal(proposal, self);
    }

    /**
     * The certificate a new proposal extends: the highest one known, always, for an honest replica. Overridable only
     * so the simulator can model Byzantine leaders that extend stale certificates.
     */
    protected QuorumCertificate certificateToExtend(QuorumCertificate highQc,
                                                    java.util.function.Function<Hash, ChainedBlock> knownBlocks) {
        return highQc;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Fetching missing blocks

    private void requestBlock(Hash hash, PublicKey preferredPeer) {
        Long askedIn = requested.get(hash);
        if (askedIn != null && askedIn == currentRound) {
            return;
        }
        PublicKey peer = preferredPeer;
        if (peer == null || peer.equals(self) || !validators.contains(peer)) {
            // Nobody in particular told us about it: ask the validators in turn, round by round.
            peer = validators.get((int) Math.floorMod(currentRound + validators.indexOf(self) + 1, validators.size()));
            if (peer.equals(self)) {
                peer = validators.get((validators.indexOf(self) + 1) % validators.size());
            }
        }
        if (requested.size() >= MAX_OUTSTANDING_REQUESTS && !requested.containsKey(hash)) {
            Iterator<Hash> oldest = requested.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        requested.put(hash, currentRound);
        out.add(new Output.Send(peer, new BlockRequest(hash)));
    }

    private void onBlockRequest(BlockRequest request, PublicKey from) {
        if (request.blockHash() == null || from == null || from.equals(self) || !validators.contains(from)) {
            drops.count(request.blockHash() == null ? DropReason.MALFORMED : DropReason.NOT_A_VALIDATOR);
            return;
        }
        List<ChainedBlock> chain = tree.chainEndingAt(request.blockHash(), BLOCKS_PER_REQUEST, config.maxBlockBytes());
        if (!chain.isEmpty()) {
            out.add(new Output.Send(from, new BlockResponse(chain)));
        } else {
            // Older than the window kept in memory (a validator catching up from far behind, or a new one): the
            // whole chain is in the host's store of committed blocks.
            out.add(new Output.ServeCommittedBlocks(from, request.blockHash(), BLOCKS_PER_REQUEST,
                    config.maxBlockBytes()));
        }
    }

    private void onBlockResponse(BlockResponse response, PublicKey from) {
        List<ChainedBlock> chain = response.blocks();
        if (chain == null || chain.isEmpty() || chain.size() > BLOCKS_PER_REQUEST) {
            drops.count(DropReason.MALFORMED);
            return;
        }
        ChainedBlock newest = chain.get(chain.size() - 1);
        if (newest == null || newest.block() == null || !requested.containsKey(newest.block().hash())) {
            drops.count(DropReason.UNSOLICITED_BLOCK);
            return;
        }
        // Check the whole chain first: hashes link, each justification is proven, contents match their roots.
        for (int i = 0; i < chain.size(); i++) {
            ChainedBlock link = chain.get(i);
            if (link == null || link.block() == null || link.justify() == null) {
                drops.count(DropReason.MALFORMED);
                return;
            }
            if (i > 0 && !link.block().parentHash().equals(chain.get(i - 1).block().hash())) {
                drops.count(DropReason.BAD_PARENT_LINK);
                return;
            }
            if (link.height() > 0) {
                DropReason problem = checkLink(link.block(), link.justify());
                if (problem == null) {
                    problem = checkSize(link.block());
                }
                if (problem == null && !certificates.isValid(link.justify())) {
                    problem = DropReason.BAD_QUORUM_CERTIFICATE;
                }
                if (problem != null) {
                    drops.count(problem);
                    return;
                }
            }
        }
        // Every block here is certified (by its child's justification, or by the certificate that made us ask for
        // the newest), so its contents were checked by at least f+1 honest validators before they voted.
        boolean missingAncestors = false;
        for (ChainedBlock link : chain) {
            Hash hash = link.block().hash();
            if (tree.contains(hash) || link.height() <= tree.root().height()) {
                continue;
            }
            if (!tree.canAttach(link.block().parentHash())) {
                // Keep it until its ancestors arrive: catching up walks back a batch per round trip, then
                // attaches everything at once instead of fetching it again.
                rememberOrphan(link);
                missingAncestors = true;
                continue;
            }
            addBlock(link);
            processCertificate(link.justify(), from);
        }
        if (missingAncestors) {
            requestBlock(chain.get(0).block().parentHash(), from);
        }
    }

    private void rememberOrphan(ChainedBlock block) {
        if (orphans.size() >= MAX_ORPHANS && !orphans.containsKey(block.block().parentHash())) {
            Iterator<Hash> oldest = orphans.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        orphans.put(block.block().parentHash(), block);
    }

    /**
     * Adds a checked block, then any fetched descendants that were waiting for it (iteratively: a replica catching
     * up may attach thousands at once), learning from each one's justification.
     */
    private void addBlock(ChainedBlock first) {
        ArrayDeque<ChainedBlock> work = new ArrayDeque<>();
        work.add(first);
        while (!work.isEmpty()) {
            ChainedBlock block = work.poll();
            if (!tree.add(block)) {
                continue;
            }
            out.add(new Output.PersistBlock(block));
            Hash hash = block.block().hash();
            if (block != first) {
                processCertificate(block.justify(), null);
            }
            onBlockAdded(hash);
            ChainedBlock child = orphans.remove(hash);
            if (child != null) {
                work.add(child);
            }
        }
    }

    /** A block joined the tree: use the certificate that was waiting for it, and the proposals that extend it. */
    private void onBlockAdded(Hash hash) {
        requested.remove(hash);
        QuorumCertificate waiting = certificatesWaitingForBlock.remove(hash);
        if (waiting != null) {
            applyChainRules(waiting);
        }
        List<Proposal> children = waitingForParent.remove(hash);
        if (children != null) {
            bufferedProposals -= children.size();
            for (Proposal child : children) {
                onProposal(child, child.block().header().proposer());
            }
        }
        if (hash.equals(safety.highQc().blockHash())) {
            tryPropose(false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Durability of the safety state

    /**
     * Asks the host to persist the current safety state and holds {@code outputs} back until it confirms. A
     * message held for this replica itself is delivered locally on release.
     */
    protected void persistThen(List<Output> outputs) {
        long sequence = ++persistSequence;
        out.add(new Output.PersistSafetyState(sequence, safety));
        heldUntilDurable.put(sequence, outputs);
    }

    private void onPersisted(long sequence) {
        if (sequence <= durableSequence) {
            return;
        }
        durableSequence = sequence;
        while (!heldUntilDurable.isEmpty() && heldUntilDurable.firstKey() <= sequence) {
            release(heldUntilDurable.pollFirstEntry().getValue());
        }
    }

    /** Emits held outputs; messages addressed to this replica are handled here instead of going out. */
    protected final void release(List<Output> outputs) {
        for (Output output : outputs) {
            if (output instanceof Output.Send send && send.to().equals(self)) {
                onMessage(self, send.message());
            } else {
                out.add(output);
            }
        }
    }

    /** For variants that emit outputs directly: appends to the outputs of the current step. */
    protected final void emit(Output output) {
        out.add(output);
    }

    protected final SafetyState currentSafetyState() {
        return safety;
    }

    protected final long nextPersistSequence() {
        return ++persistSequence;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Observation (for hosts, metrics and the simulator)

    public PublicKey publicKey() {
        return self;
    }

    public long currentRound() {
        return currentRound;
    }

    public long committedHeight() {
        return tree.root().height();
    }

    public Block committedTip() {
        return tree.root().block();
    }

    public SafetyState safetyState() {
        return safety;
    }

    public DropCounters drops() {
        return drops;
    }

    public int pendingTransactions() {
        return pool.size();
    }

    public long unexpectedErrors() {
        return unexpectedErrors;
    }

    public RuntimeException lastUnexpectedError() {
        return lastUnexpectedError;
    }

    /** Buffers and maps whose size must stay bounded whatever peers send. */
    public Map<String, Integer> bufferSizes() {
        return Map.of("uncommittedBlocks", tree.uncommittedCount(), "bufferedProposals", bufferedProposals,
                "certificatesWaitingForBlock", certificatesWaitingForBlock.size(), "requestedBlocks", requested.size(),
                "heldUntilDurable", heldUntilDurable.size(), "pendingTransactions", pool.size(),
                "orphans", orphans.size());
    }
}
