package org.fogledger.ledger.contract.authority;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.policy.PolicyCommand;
import org.fogledger.ledger.contract.policy.PolicyContract;
import org.fogledger.ledger.contract.policy.PolicyDocument;
import org.fogledger.ledger.contract.registry.DeclarationRights;
import org.fogledger.ledger.contract.registry.DeclareCommand;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.contract.registry.RegistryContract;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The ledger record of hierarchically ranked agents' authority, one instance {@code authority/_}. Root operators
 * are fixed at construction (genesis); they delegate regions, regions sites, sites devices, each over a part of
 * its own jurisdiction. Agents relay declarations about devices to the registry, which trusts this contract by
 * name and checks that the device lies within the jurisdiction sent along. See docs/contracts/authority.md.
 */
public final class AuthorityContract implements Contract<AuthorityState, AuthorityEvent> {
    public static final String NAME = DeclarationRights.AUTHORITY_CONTRACT;
    public static final ContractAddress ADDRESS = ContractAddress.of(NAME, ContractAddress.DEFAULT_INSTANCE);
    /** The most delegations listed by query {@code agents}. */
    public static final int MAX_LISTED = 256;

    private final SortedMap<String, Delegation> roots;
    private final ChainChecker checker;

    /** An authority whose root operators are {@code roots}, each with its jurisdiction ({@code /} for all). */
    public AuthorityContract(Map<PublicKey, String> roots) {
        this(roots, AuthorityChain.INSTANCE);
    }

    /** Test seam: the same contract with another chain checker (to show tests catch a broken one). */
    AuthorityContract(Map<PublicKey, String> roots, ChainChecker checker) {
        TreeMap<String, Delegation> byKey = new TreeMap<>();
        StepMeter meter = new StepMeter(Long.MAX_VALUE);
        for (Map.Entry<PublicKey, String> root : roots.entrySet()) {
            String jurisdiction = DevicePath.validateScope(root.getValue(), "authority roots", "jurisdiction", meter);
            byKey.put(ContractJson.hex(root.getKey()), Delegation.root(root.getKey(), jurisdiction));
        }
        this.roots = Collections.unmodifiableSortedMap(byKey);
        this.checker = checker;
    }

    /** Every key of {@code operators} a root over the whole hierarchy. */
    public static AuthorityContract withRootOperators(java.util.Collection<PublicKey> operators) {
        Map<PublicKey, String> roots = new java.util.LinkedHashMap<>();
        for (PublicKey operator : operators) {
            roots.put(operator, DevicePath.ROOT);
        }
        return new AuthorityContract(roots);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<AuthorityState> stateType() {
        return AuthorityState.class;
    }

    @Override
    public Class<AuthorityEvent> eventType() {
        return AuthorityEvent.class;
    }

    @Override
    public AuthorityState initialState(String instance) {
        return AuthorityState.EMPTY;
    }

    DelegationGraph graph(AuthorityState state) {
        return new DelegationGraph(roots, state.delegations());
    }

    @Override
    public Outcome<AuthorityEvent> handle(AuthorityState state, Invocation invocation, StepMeter meter) {
        meter.charge();
        if (!invocation.address().equals(ADDRESS)) {
            throw new ContractRefusal("unknown-instance", NAME + " has one instance, " + ADDRESS + "; there is no "
                    + invocation.address());
        }
        ExecutionContext context = invocation.context();
        if (context.isInternal()) {
            throw new ContractRefusal("not-authorised", NAME + "." + invocation.command() + " must be a transaction"
                    + " signed by the agent; internal messages (here from " + context.caller() + ") are refused");
        }
        byte[] payload = invocation.payload();
        return switch (invocation.command()) {
            case "delegate" -> delegate(state, context, ContractJson.read(payload, AuthorityCommand.Delegate.class,
                    "authority.delegate"), meter);
            case "revoke" -> revoke(state, context, ContractJson.read(payload, AuthorityCommand.Revoke.class,
                    "authority.revoke"), meter);
            case "declare" -> declare(state, context, ContractJson.read(payload, AuthorityCommand.Declare.class,
                    "authority.declare"), meter);
            case "decide" -> decide(state, context, ContractJson.read(payload, AuthorityCommand.Decide.class,
                    "authority.decide"), meter);
            case "issue-policy" -> issuePolicy(state, context, ContractJson.read(payload,
                    AuthorityCommand.IssuePolicy.class, "authority.issue-policy"), meter);
            default -> throw new ContractRefusal("unknown-command", NAME + " has no command '" + invocation.command()
                    + "'; commands: delegate, revoke, declare, decide, issue-policy");
        };
    }

    private Outcome<AuthorityEvent> delegate(AuthorityState state, ExecutionContext context,
                                             AuthorityCommand.Delegate command, StepMeter meter) {
        String what = "authority.delegate";
        PublicKey agent = required(command.agent(), what, "agent");
        Rank rank = required(command.rank(), what, "rank");
        String jurisdiction = DevicePath.validateScope(command.jurisdiction(), what, "jurisdiction", meter);
        PublicKey delegator = context.sender();
        if (rank == Rank.ROOT) {
            throw new ContractRefusal("rank-not-below", what + ": rank root is held by the operators fixed at"
                    + " genesis only; it cannot be delegated");
        }
        DelegationGraph graph = graph(state);
        if (graph.isRoot(agent)) {
            throw new ContractRefusal("agent-is-root", what + ": agent " + ContractJson.hex(agent)
                    + " is a root operator, whose authority is fixed at genesis");
        }
        if (agent.equals(delegator)) {
            throw new ContractRefusal("self-delegation", what + ": an agent cannot delegate to itself");
        }
        ChainAnswer yours = checker.authorityOf(graph, delegator, context.blockTimeMillis(), meter);
        if (!yours.valid()) {
            throw new ContractRefusal("not-authorised", what + ": delegator " + ContractJson.hex(delegator)
                    + " has no valid authority: " + yours.reason());
        }
        Delegation own = yours.link();
        if (!rank.isBelow(own.rank())) {
            throw new ContractRefusal("rank-not-below", what + ": rank " + rank + " is not below yours ("
                    + own.rank() + ")");
        }
        if (!DevicePath.isWithin(jurisdiction, own.jurisdiction())) {
            throw new ContractRefusal("outside-jurisdiction", what + ": jurisdiction '" + jurisdiction
                    + "' is not within your '" + own.jurisdiction() + "'");
        }
        for (Delegation link : yours.chain()) {
            if (link.agent().equals(agent)) {
                throw new ContractRefusal("delegation-loop", what + ": agent " + ContractJson.hex(agent)
                        + " is in your own chain of authority");
            }
        }
        Long expiresAt = command.expiresAt();
        if (expiresAt != null && expiresAt <= context.blockTimeMillis()) {
            throw new ContractRefusal("invalid-expiry", what + ": field 'expiresAt' " + expiresAt
                    + " is not after this block's time " + context.blockTimeMillis());
        }
        Delegation existing = graph.links().get(ContractJson.hex(agent));
        if (existing != null && !existing.isRevoked() && !existing.expiredAt(context.blockTimeMillis())
                && !mayRevoke(graph, existing, delegator, meter)) {
            throw new ContractRefusal("not-authorised", what + ": agent " + ContractJson.hex(agent)
                    + " holds delegation " + existing.describe() + "; only its delegator or an ancestor in its"
                    + " chain may replace it");
        }
        Delegation link = new Delegation(agent, delegator, rank, jurisdiction, expiresAt, context.height(),
                context.index(), null, null);
        return Outcome.of(ContractResult.ok(existing == null ? "delegated" : "redelegated",
                ContractJson.write(link)), new AuthorityEvent.Delegated(link, context.blockTimeMillis()));
    }

    private Outcome<AuthorityEvent> revoke(AuthorityState state, ExecutionContext context,
                                           AuthorityCommand.Revoke command, StepMeter meter) {
        String what = "authority.revoke";
        PublicKey agent = required(command.agent(), what, "agent");
        DelegationGraph graph = graph(state);
        if (graph.isRoot(agent)) {
            throw new ContractRefusal("agent-is-root", what + ": agent " + ContractJson.hex(agent)
                    + " is a root operator, fixed at genesis; it cannot be revoked here");
        }
        Delegation link = graph.links().get(ContractJson.hex(agent));
        if (link == null) {
            throw new ContractRefusal("no-delegation", what + ": agent " + ContractJson.hex(agent)
                    + " holds no delegation");
        }
        if (link.isRevoked()) {
            throw new ContractRefusal("already-revoked", what + ": link " + link.describe() + " was revoked at height "
                    + link.revokedAtHeight());
        }
        if (!mayRevoke(graph, link, context.sender(), meter)) {
            throw new ContractRefusal("not-authorised", what + ": link " + link.describe() + " may be revoked by its"
                    + " delegator or an ancestor in its chain, not by " + ContractJson.hex(context.sender()));
        }
        AuthorityEvent.Revoked event = new AuthorityEvent.Revoked(agent, context.height(), context.sender(),
                context.blockTimeMillis());
        return Outcome.of(ContractResult.ok("revoked", ContractJson.write(link.revoked(context.height(),
                context.sender()))), event);
    }

    /**
     * Whether {@code who} is the delegator of {@code link} or above it in its recorded chain (whatever that chain's
     * validity now: revoking only takes authority away, so a lapsed ancestor may still cut off its line).
     */
    static boolean mayRevoke(DelegationGraph graph, Delegation link, PublicKey who, StepMeter meter) {
        PublicKey current = link.delegator();
        for (int depth = 0; depth < AuthorityChain.MAX_DEPTH && current != null; depth++) {
            meter.charge();
            if (current.equals(who)) {
                return true;
            }
            Delegation above = graph.linkOf(current);
            current = above == null ? null : above.delegator();
        }
        return false;
    }

    private Outcome<AuthorityEvent> declare(AuthorityState state, ExecutionContext context,
                                            AuthorityCommand.Declare command, StepMeter meter) {
        String what = "authority.declare";
        String deviceId = required(command.deviceId(), what, "deviceId");
        ContractAddress registry;
        try {
            registry = ContractAddress.of(RegistryContract.NAME, deviceId);
        } catch (IllegalArgumentException e) {
            throw new ContractRefusal("malformed-payload", what + ": field 'deviceId' " + e.getMessage());
        }
        var declaration = required(command.declaration(), what, "declaration");
        Delegation own = signersLink(state, context, what, meter);
        if (!AgentDeclarationRights.may(own.rank(), declaration)) {
            throw new ContractRefusal("not-authorised", what + ": an agent of rank " + own.rank()
                    + " may not declare " + declaration + "; it may declare "
                    + (AgentDeclarationRights.mayDeclare(own.rank()).isEmpty() ? "nothing"
                    : AgentDeclarationRights.mayDeclare(own.rank())));
        }
        DeclareCommand relayed = new DeclareCommand(declaration, command.location(), command.note(),
                own.jurisdiction(), own.rank().wireName());
        ContractMessage message = new ContractMessage(registry, "declare", ContractJson.write(relayed));
        return Outcome.<AuthorityEvent>answer(ContractResult.ok("relayed", ContractJson.write(
                        new Relayed(deviceId, declaration.wireName(), own.rank(), own.jurisdiction()))))
                .withMessages(List.of(message));
    }

    /**
     * An agent's decision about a device (see docs/contracts/arbitration.md): refused unless the signer holds a valid
     * chain; otherwise relayed, with the agent's rank and jurisdiction, to {@code registry/<deviceId>.vet-decision}
     * and on to the device's arbitration. Whether the rank may take the action is the policy's to rule, and
     * whether the device lies in the jurisdiction the registry's.
     */
    private Outcome<AuthorityEvent> decide(AuthorityState state, ExecutionContext context,
                                           AuthorityCommand.Decide command, StepMeter meter) {
        String what = "authority.decide";
        String deviceId = required(command.deviceId(), what, "deviceId");
        ContractAddress registry;
        try {
            registry = ContractAddress.of(RegistryContract.NAME, deviceId);
        } catch (IllegalArgumentException e) {
            throw new ContractRefusal("malformed-payload", what + ": field 'deviceId' " + e.getMessage());
        }
        var action = required(command.action(), what, "action");
        String note = command.note();
        if (note != null && (note.isEmpty() || note.length() > RegistryContract.MAX_NOTE_LENGTH)) {
            throw new ContractRefusal("malformed-payload", what + ": field 'note' must be 1 to "
                    + RegistryContract.MAX_NOTE_LENGTH + " characters, got " + note.length());
        }
        Delegation own = signersLink(state, context, what, meter);
        var decision = new org.fogledger.ledger.contract.arbitration.AgentDecision(deviceId, context.sender(),
                own.rank(), own.jurisdiction(), action, note, context.height(), context.index(), null, null, null);
        return Outcome.<AuthorityEvent>answer(ContractResult.ok("decision-relayed", ContractJson.write(decision)))
                .withMessages(List.of(new ContractMessage(registry, "vet-decision", ContractJson.write(decision))));
    }

    /**
     * An agent's policy document, relayed to {@code policy/_.apply} with the rank and jurisdiction of the signer's
     * valid chain; the policy contract checks versions, consistency and narrowing. See docs/contracts/policy.md.
     */
    private Outcome<AuthorityEvent> issuePolicy(AuthorityState state, ExecutionContext context,
                                                AuthorityCommand.IssuePolicy command, StepMeter meter) {
        String what = "authority.issue-policy";
        PolicyDocument document = required(command.document(), what, "document");
        String scope = DevicePath.validateScope(document.scope(), what, "document.scope", meter);
        Delegation own = signersLink(state, context, what, meter);
        if (!DevicePath.isWithin(scope, own.jurisdiction())) {
            throw new ContractRefusal("outside-jurisdiction", what + ": scope '" + scope + "' is not within your"
                    + " jurisdiction '" + own.jurisdiction() + "'");
        }
        PolicyCommand.Apply apply = new PolicyCommand.Apply(context.sender(), own.rank(), own.jurisdiction(),
                document);
        return Outcome.<AuthorityEvent>answer(ContractResult.ok("relayed", ContractJson.write(
                        new PolicyRelayed(scope, document.version(), own.rank(), own.jurisdiction()))))
                .withMessages(List.of(new ContractMessage(PolicyContract.ADDRESS, "apply", ContractJson.write(apply))));
    }

    /**
     * The signer's own link, after checking its whole chain at this block's time; refused ({@code not-authorised},
     * with the checker's reason) when the signer holds no valid authority. Agents' acts all start here.
     */
    private Delegation signersLink(AuthorityState state, ExecutionContext context, String what, StepMeter meter) {
        ChainAnswer chain = checker.authorityOf(graph(state), context.sender(), context.blockTimeMillis(), meter);
        if (!chain.valid()) {
            throw new ContractRefusal("not-authorised", what + ": agent " + ContractJson.hex(context.sender())
                    + " has no valid authority: " + chain.reason());
        }
        return chain.link();
    }

    /** The result of {@code issue-policy}: what was sent to the policy contract, which decides. */
    record PolicyRelayed(String scope, Long version, Rank rank, String jurisdiction) {
    }

    /** The result of {@code declare}: what was sent to the registry, which decides. */
    record Relayed(String deviceId, String declaration, Rank rank, String jurisdiction) {
    }

    /** The answer to query {@code agents}. */
    record AgentList(String under, List<Delegation> delegations, boolean truncated) {
    }

    @Override
    public AuthorityState apply(AuthorityState state, AuthorityEvent event) {
        TreeMap<String, Delegation> delegations = new TreeMap<>(state.delegations());
        if (event instanceof AuthorityEvent.Delegated delegated) {
            delegations.put(ContractJson.hex(delegated.link().agent()), delegated.link());
            return new AuthorityState(delegations, delegated.blockTimeMillis());
        }
        if (event instanceof AuthorityEvent.Revoked revoked) {
            Delegation link = delegations.get(ContractJson.hex(revoked.agent()));
            if (link == null) {
                return state;
            }
            delegations.put(ContractJson.hex(revoked.agent()), link.revoked(revoked.height(), revoked.revokedBy()));
            return new AuthorityState(delegations, revoked.blockTimeMillis());
        }
        return state;
    }

    @Override
    public byte[] query(AuthorityState state, String query, byte[] argument) {
        StepMeter meter = new StepMeter(ExecutionLimits.DEFAULT.stepsPerExecution());
        return switch (query) {
            case "authority" -> {
                AuthorityCommand.AuthorityOf of = ContractJson.read(argument, AuthorityCommand.AuthorityOf.class,
                        "authority query authority");
                PublicKey agent = required(of.agent(), "authority query authority", "agent");
                long at = of.atMillis() != null ? of.atMillis() : state.lastBlockTimeMillis();
                yield ContractJson.write(checker.authorityOf(graph(state), agent, at, meter));
            }
            case "agents" -> {
                String what = "authority query agents";
                AuthorityCommand.AgentsUnder under = ContractJson.read(argument, AuthorityCommand.AgentsUnder.class,
                        what);
                String scope = DevicePath.validateScope(under.under(), what, "under", meter);
                List<Delegation> listed = new ArrayList<>();
                boolean truncated = false;
                List<Delegation> all = new ArrayList<>(roots.values());
                all.addAll(state.delegations().values());
                for (Delegation link : all) {
                    meter.charge();
                    if (DevicePath.isWithin(link.jurisdiction(), scope)) {
                        if (listed.size() == MAX_LISTED) {
                            truncated = true;
                            break;
                        }
                        listed.add(link);
                    }
                }
                yield ContractJson.write(new AgentList(scope, listed, truncated));
            }
            case "state" -> ContractJson.write(state);
            default -> throw new ContractRefusal("unknown-query", NAME + " has no query '" + query
                    + "'; queries: authority, agents, state");
        };
    }

    private static <T> T required(T value, String what, String field) {
        if (value == null) {
            throw new ContractRefusal("malformed-payload", what + ": field '" + field + "' is required");
        }
        return value;
    }
}
