package org.fogledger.ledger.contract.trace;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The traceability contract: one instance per gateway stream, {@code trace/<streamId>}, holding the chain of batch
 * roots the gateway anchored. It accepts a batch only from the stream's gateway, only if it starts exactly where the
 * previous one ended (no gap, no overlap) and names the previous batch's root, so the anchored batches form one
 * unbroken, append-only log per stream.
 *
 * <p>Commands (all must come in a transaction, not from another contract: a stream belongs to keys, not to code):
 * <ul>
 *   <li>{@code register {gateway}}: claims an unregistered stream; the sender becomes its owner. A stream is
 *   claimed by its first registration, so operators register a stream before its gateway starts.</li>
 *   <li>{@code set-gateway {gateway}}: the owner replaces the gateway key (a gateway replaced or compromised);
 *   the sequence and the root chain continue.</li>
 *   <li>{@code anchor {root, firstSeq, lastSeq, count, previousRoot}}: the gateway anchors its next batch. The
 *   result data is the {@link TraceAnchor}, which audit proofs carry.</li>
 * </ul>
 * Queries: {@code state}, and {@code anchor} with {@code {"root": hex}} or {@code {"sequence": n}}, answered from
 * the anchors the state retains.
 *
 * <p>Why a registration command rather than "the first anchor fixes the key": the first anchor is sent by a gateway
 * that may not be the one its operator meant, and an anchor that claims a stream cannot also be refused for
 * claiming it. A separate, owner-signed registration makes the claim an explicit act of the operator and gives
 * the owner a way to rotate the gateway key without losing the stream's history.
 */
public final class TraceContract implements Contract<TraceStream, TraceEvent> {
    public static final String NAME = "trace";
    public static final String REGISTER = "register";
    public static final String SET_GATEWAY = "set-gateway";
    public static final String ANCHOR = "anchor";
    /** Result code of an accepted anchor; audit proofs require it. */
    public static final String ANCHORED = "anchored";
    /** Records in one batch; a proof of a record in a full batch has 20 path elements. */
    public static final int MAX_BATCH_RECORDS = 1 << 20;
    public static final int DEFAULT_RETAINED_ANCHORS = 1024;

    private final int retainedAnchors;

    public TraceContract() {
        this(DEFAULT_RETAINED_ANCHORS);
    }

    /** @param retainedAnchors how many recent anchors the state keeps for the {@code anchor} query */
    public TraceContract(int retainedAnchors) {
        if (retainedAnchors < 1) {
            throw new IllegalArgumentException("retainedAnchors must be >= 1, got " + retainedAnchors);
        }
        this.retainedAnchors = retainedAnchors;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<TraceStream> stateType() {
        return TraceStream.class;
    }

    @Override
    public Class<TraceEvent> eventType() {
        return TraceEvent.class;
    }

    @Override
    public TraceStream initialState(String instance) {
        return new TraceStream.Unregistered(instance);
    }

    @Override
    public Outcome<TraceEvent> handle(TraceStream state, Invocation invocation, StepMeter meter) {
        meter.charge();
        ExecutionContext context = invocation.context();
        String command = invocation.command();
        if (context.isInternal()) {
            throw new ContractRefusal("internal-call", "trace." + command + " must be sent in a transaction"
                    + " signed by a key, not by contract " + context.caller());
        }
        return switch (command) {
            case REGISTER -> register(state, invocation);
            case SET_GATEWAY -> setGateway(registered(state, command), invocation);
            case ANCHOR -> anchor(registered(state, command), invocation);
            default -> throw new ContractRefusal("unknown-command", "contract trace has no command '" + command
                    + "' (commands: register, set-gateway, anchor)");
        };
    }

    private Outcome<TraceEvent> register(TraceStream state, Invocation invocation) {
        if (state instanceof TraceStream.Registered registered) {
            throw new ContractRefusal("already-registered", "stream '" + state.streamId()
                    + "' is already registered by " + registered.owner());
        }
        GatewayCommand payload = ContractJson.read(invocation.payload(), GatewayCommand.class, "trace.register");
        TraceEvent.StreamRegistered event = new TraceEvent.StreamRegistered(invocation.context().sender(),
                payload.gateway());
        return Outcome.of(ContractResult.ok("registered", ContractJson.write(event)), event);
    }

    private Outcome<TraceEvent> setGateway(TraceStream.Registered state, Invocation invocation) {
        PublicKey sender = invocation.context().sender();
        if (!sender.equals(state.owner())) {
            throw new ContractRefusal("not-owner", "only the owner " + state.owner() + " of stream '"
                    + state.streamId() + "' may set its gateway, not " + sender);
        }
        GatewayCommand payload = ContractJson.read(invocation.payload(), GatewayCommand.class, "trace.set-gateway");
        if (payload.gateway().equals(state.gateway())) {
            throw new ContractRefusal("same-gateway", "field 'gateway': " + payload.gateway()
                    + " is already the gateway of stream '" + state.streamId() + "'");
        }
        TraceEvent.GatewayChanged event = new TraceEvent.GatewayChanged(state.gateway(), payload.gateway());
        return Outcome.of(ContractResult.ok("gateway-set", ContractJson.write(event)), event);
    }

    private Outcome<TraceEvent> anchor(TraceStream.Registered state, Invocation invocation) {
        ExecutionContext context = invocation.context();
        if (!context.sender().equals(state.gateway())) {
            throw new ContractRefusal("not-gateway", "anchors of stream '" + state.streamId()
                    + "' must be signed by its gateway " + state.gateway() + ", this one is signed by "
                    + context.sender());
        }
        AnchorCommand cmd = ContractJson.read(invocation.payload(), AnchorCommand.class, "trace.anchor");
        if (cmd.firstSeq() < 0) {
            throw new ContractRefusal("bad-range", "field 'firstSeq' must be >= 0, got " + cmd.firstSeq());
        }
        if (cmd.lastSeq() < cmd.firstSeq() || cmd.lastSeq() == Long.MAX_VALUE) {
            throw new ContractRefusal("bad-range", "field 'lastSeq' " + cmd.lastSeq()
                    + " must be at least firstSeq " + cmd.firstSeq() + " and below " + Long.MAX_VALUE);
        }
        if (cmd.count() < 1 || cmd.count() > MAX_BATCH_RECORDS) {
            throw new ContractRefusal("bad-count", "field 'count' must be in 1.." + MAX_BATCH_RECORDS + ", got "
                    + cmd.count());
        }
        if (cmd.lastSeq() - cmd.firstSeq() != cmd.count() - 1) {
            throw new ContractRefusal("bad-count", "field 'count' " + cmd.count() + " disagrees with the range "
                    + cmd.firstSeq() + ".." + cmd.lastSeq() + ", which holds " + (cmd.lastSeq() - cmd.firstSeq() + 1)
                    + " records");
        }
        if (cmd.firstSeq() < state.nextSequence()) {
            throw new ContractRefusal("sequence-overlap", "field 'firstSeq' " + cmd.firstSeq()
                    + " overlaps what stream '" + state.streamId() + "' already anchored: its next sequence is "
                    + state.nextSequence());
        }
        if (cmd.firstSeq() > state.nextSequence()) {
            throw new ContractRefusal("sequence-gap", "field 'firstSeq' " + cmd.firstSeq() + " leaves a gap: stream '"
                    + state.streamId() + "' expects sequence " + state.nextSequence() + " next, records "
                    + state.nextSequence() + ".." + (cmd.firstSeq() - 1) + " were never anchored");
        }
        if (!cmd.previousRoot().equals(state.lastRoot())) {
            throw new ContractRefusal("broken-link", "field 'previousRoot' " + cmd.previousRoot().shortHex()
                    + " is not the root of the stream's last batch, " + describeRoot(state.lastRoot()));
        }
        if (cmd.root().equals(Hash.ZERO)) {
            // ZERO stands for "no previous batch" in the link; a batch with that root would make it ambiguous.
            throw new ContractRefusal("bad-root", "field 'root' must not be the all-zero hash");
        }
        TraceAnchor anchor = new TraceAnchor(cmd.root(), cmd.firstSeq(), cmd.lastSeq(), cmd.count(),
                cmd.previousRoot(), context.height(), context.index(), context.origin(), context.blockTimeMillis(),
                context.sender());
        return Outcome.of(ContractResult.ok(ANCHORED, ContractJson.write(anchor)),
                new TraceEvent.BatchAnchored(anchor));
    }

    private static String describeRoot(Hash root) {
        return root.equals(Hash.ZERO) ? "which has none yet (the first batch links to the all-zero hash)"
                : root.shortHex();
    }

    private static TraceStream.Registered registered(TraceStream state, String command) {
        if (state instanceof TraceStream.Registered registered) {
            return registered;
        }
        throw new ContractRefusal("not-registered", "stream '" + state.streamId() + "' is not registered;"
                + " its owner must send 'register' before '" + command + "'");
    }

    @Override
    public TraceStream apply(TraceStream state, TraceEvent event) {
        if (event instanceof TraceEvent.StreamRegistered registered) {
            return new TraceStream.Registered(state.streamId(), registered.owner(), registered.gateway(), 0,
                    Hash.ZERO, 0, List.of());
        }
        TraceStream.Registered s = (TraceStream.Registered) state;
        if (event instanceof TraceEvent.GatewayChanged changed) {
            return new TraceStream.Registered(s.streamId(), s.owner(), changed.gateway(), s.nextSequence(),
                    s.lastRoot(), s.anchoredBatches(), s.recentAnchors());
        }
        TraceAnchor anchor = ((TraceEvent.BatchAnchored) event).anchor();
        List<TraceAnchor> recent = new ArrayList<>(s.recentAnchors());
        recent.add(anchor);
        if (recent.size() > retainedAnchors) {
            recent.subList(0, recent.size() - retainedAnchors).clear();
        }
        return new TraceStream.Registered(s.streamId(), s.owner(), s.gateway(), anchor.lastSeq() + 1, anchor.root(),
                s.anchoredBatches() + 1, recent);
    }

    @Override
    public byte[] query(TraceStream state, String query, byte[] argument) {
        return switch (query) {
            case "state" -> ContractJson.write(state);
            case "anchor" -> ContractJson.write(findAnchor(state, ContractJson.read(argument, AnchorQuery.class,
                    "trace.query.anchor")));
            default -> throw new ContractRefusal("unknown-query", "contract trace has no query '" + query
                    + "' (queries: state, anchor)");
        };
    }

    private static TraceAnchor findAnchor(TraceStream state, AnchorQuery query) {
        if (!(state instanceof TraceStream.Registered registered)) {
            throw new ContractRefusal("not-registered", "stream '" + state.streamId() + "' is not registered");
        }
        List<TraceAnchor> recent = registered.recentAnchors();
        for (TraceAnchor anchor : recent) {
            if (query.root() != null ? anchor.root().equals(query.root()) : anchor.covers(query.sequence())) {
                return anchor;
            }
        }
        String what = query.root() != null ? "root " + query.root().shortHex() : "sequence " + query.sequence();
        if (query.sequence() != null && query.sequence() >= registered.nextSequence()) {
            throw new ContractRefusal("not-anchored", what + " of stream '" + state.streamId()
                    + "' is not anchored yet: anchored records end before " + registered.nextSequence());
        }
        String window = recent.isEmpty() ? "no anchors"
                : "the last " + recent.size() + " anchors (sequences " + recent.get(0).firstSeq() + ".."
                + recent.get(recent.size() - 1).lastSeq() + ")";
        throw new ContractRefusal("no-such-anchor", "stream '" + state.streamId() + "' retains " + window
                + " and none has " + what + "; older anchors are in the chain's blocks and the stream's journal");
    }
}
