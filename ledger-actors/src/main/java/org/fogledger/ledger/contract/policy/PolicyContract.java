package org.fogledger.ledger.contract.policy;

import java.util.ArrayList;
import java.util.List;
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
import org.fogledger.ledger.contract.arbitration.AgentDecision;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.arbitration.PolicyRuling;
import org.fogledger.ledger.contract.authority.AuthorityContract;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.contract.registry.RegistryContract;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Operators' policy documents, committed on the ledger; one instance {@code policy/_}. Agents issue documents
 * through the authority contract ({@code authority.issue-policy}), which checks their delegation chain and relays
 * {@code apply} with their rank and jurisdiction; this contract keeps, per (scope, issuing rank), the newest
 * version, refusing stale versions, self-contradictory documents and documents that widen a higher rank's policy.
 * On a decision's way to arbitration ({@code vet-decision}, from the registry) it rules whether the agent's rank
 * may take the action there. See docs/contracts/policy.md.
 */
public final class PolicyContract implements Contract<PolicyState, PolicyEvent> {
    public static final String NAME = "policy";
    public static final ContractAddress ADDRESS = ContractAddress.of(NAME, ContractAddress.DEFAULT_INSTANCE);
    /** The contract that settles decisions; a ruled decision goes to its instance for the device. */
    public static final String ARBITRATION_CONTRACT = "arbitration";

    private final NarrowingCheck narrowing;

    public PolicyContract() {
        this(PolicyNarrowing.INSTANCE);
    }

    /** Test seam: the same contract with another narrowing checker (to show tests catch a broken one). */
    PolicyContract(NarrowingCheck narrowing) {
        this.narrowing = narrowing;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<PolicyState> stateType() {
        return PolicyState.class;
    }

    @Override
    public Class<PolicyEvent> eventType() {
        return PolicyEvent.class;
    }

    @Override
    public PolicyState initialState(String instance) {
        return PolicyState.EMPTY;
    }

    @Override
    public Outcome<PolicyEvent> handle(PolicyState state, Invocation invocation, StepMeter meter) {
        meter.charge();
        if (!invocation.address().equals(ADDRESS)) {
            throw new ContractRefusal("unknown-instance", NAME + " has one instance, " + ADDRESS + "; there is no "
                    + invocation.address());
        }
        ExecutionContext context = invocation.context();
        return switch (invocation.command()) {
            case "apply" -> apply(state, context, invocation.payload(), meter);
            case "vet-decision" -> vetDecision(state, context, invocation.payload(), meter);
            default -> throw new ContractRefusal("unknown-command", NAME + " has no command '" + invocation.command()
                    + "'; commands: apply (from " + AuthorityContract.ADDRESS + "), vet-decision (from registry)");
        };
    }

    private Outcome<PolicyEvent> apply(PolicyState state, ExecutionContext context, byte[] payload,
                                       StepMeter meter) {
        String what = "policy.apply";
        if (!AuthorityContract.ADDRESS.equals(context.caller())) {
            throw new ContractRefusal("not-authorised", what + " is accepted from " + AuthorityContract.ADDRESS
                    + " only (issue a policy with authority.issue-policy), not from "
                    + (context.isInternal() ? context.caller() : "a transaction"));
        }
        PolicyCommand.Apply command = ContractJson.read(payload, PolicyCommand.Apply.class, what);
        PublicKey issuer = required(command.issuer(), what, "issuer");
        Rank rank = required(command.rank(), what, "rank");
        String jurisdiction = DevicePath.validateScope(command.jurisdiction(), what, "jurisdiction", meter);
        PolicyDocument document = PolicyValidation.canonical(command.document(), what + " document", meter);
        PolicyRef ref = document.ref(rank);
        if (rank == Rank.DEVICE) {
            throw new ContractRefusal("not-authorised", what + ": an agent of rank device issues no policy");
        }
        if (!DevicePath.isWithin(document.scope(), jurisdiction)) {
            throw new ContractRefusal("outside-jurisdiction", what + ": scope '" + document.scope()
                    + "' is not within the issuer's jurisdiction '" + jurisdiction + "'");
        }
        if (document.rules().decisionRights() != null) {
            for (String constrained : document.rules().decisionRights().keySet()) {
                if (rank.isBelow(Rank.fromWireName(constrained))) {
                    throw new ContractRefusal("not-authorised", what + ": rules.decisionRights." + constrained
                            + " constrains rank " + constrained + ", above the issuer's rank " + rank
                            + "; a policy may set decision rights for its own rank and those below");
                }
            }
        }
        PolicySlot slot = state.slot(document.scope(), rank);
        long expected = slot == null ? 1 : slot.newest().document().version() + 1;
        if (document.version() < expected) {
            throw new ContractRefusal("stale-version", what + ": version " + document.version() + " of "
                    + document.scope() + " (" + rank + ") is stale: version " + (expected - 1)
                    + " is in force; the next is " + expected);
        }
        if (document.version() > expected) {
            throw new ContractRefusal("version-gap", what + ": version " + document.version() + " of "
                    + document.scope() + " (" + rank + ") skips versions: "
                    + (slot == null ? "none is committed yet" : "version " + (expected - 1) + " is in force")
                    + "; the next is " + expected);
        }
        List<String> contradictions = PolicyConsistency.clashes(document.rules(), meter);
        if (!contradictions.isEmpty()) {
            throw new ContractRefusal("self-contradiction", what + ": policy " + ref + " contradicts itself: "
                    + String.join("; ", contradictions));
        }
        List<String> widenings = narrowing.widenings(document.rules(),
                state.higherThan(document.scope(), rank, meter), meter);
        if (!widenings.isEmpty()) {
            throw new ContractRefusal("widens-policy", what + ": policy " + ref + " widens higher-rank policies: "
                    + String.join("; ", widenings));
        }
        IssuedPolicy issued = new IssuedPolicy(document, rank, issuer, jurisdiction, context.height(),
                context.index(), context.blockTimeMillis());
        return Outcome.of(ContractResult.ok(slot == null ? "applied" : "superseded", ContractJson.write(
                new Applied(ref.toString(), document.scope(), document.version(), rank))),
                new PolicyEvent.Applied(issued));
    }

    private Outcome<PolicyEvent> vetDecision(PolicyState state, ExecutionContext context, byte[] payload,
                                             StepMeter meter) {
        String what = "policy.vet-decision";
        if (!context.isInternal()) {
            throw new ContractRefusal("not-authorised", what + " is accepted from the registry instance of the"
                    + " decision's device only, not from a transaction");
        }
        AgentDecision decision = ContractJson.read(payload, AgentDecision.class, what);
        String deviceId = required(decision.deviceId(), what, "deviceId");
        ContractAddress registry;
        ContractAddress arbitration;
        try {
            registry = ContractAddress.of(RegistryContract.NAME, deviceId);
            arbitration = ContractAddress.of(ARBITRATION_CONTRACT, deviceId);
        } catch (IllegalArgumentException e) {
            throw new ContractRefusal("malformed-payload", what + ": field 'deviceId' " + e.getMessage());
        }
        if (!registry.equals(context.caller())) {
            throw new ContractRefusal("not-authorised", what + " for device " + deviceId + " is accepted from "
                    + registry + " only, not from " + context.caller());
        }
        required(decision.agent(), what, "agent");
        required(decision.rank(), what, "rank");
        required(decision.action(), what, "action");
        AgentDecision ruled;
        if (decision.devicePath() == null) {
            ruled = decision.refused("the registry gave no place for device " + deviceId)
                    .ruled(new PolicyRuling(false, "the device has no known place in the hierarchy, so no policy"
                            + " can allow " + decision.action(), null, EqualRankRule.FIRST_COMMITTED, 1));
        } else {
            String path = DevicePath.validate(decision.devicePath(), what, "devicePath", meter);
            ruled = decision.ruled(PolicyRulings.rule(state.inForceOver(path, meter), decision.rank(),
                    decision.action(), path, meter));
        }
        ContractMessage settle = new ContractMessage(arbitration, "settle", ContractJson.write(ruled));
        return Outcome.<PolicyEvent>answer(ContractResult.ok("ruled", ContractJson.write(ruled.ruling())))
                .withMessages(List.of(settle));
    }

    /** The result of {@code apply}: the policy now in force for its (scope, rank). */
    record Applied(String policy, String scope, long version, Rank rank) {
    }

    /** The answer to query {@code policies}. */
    record PolicyList(String under, List<IssuedPolicy> policies, boolean truncated) {
    }

    @Override
    public PolicyState apply(PolicyState state, PolicyEvent event) {
        if (event instanceof PolicyEvent.Applied applied) {
            return state.with(applied.policy());
        }
        return state;
    }

    @Override
    public byte[] query(PolicyState state, String query, byte[] argument) {
        StepMeter meter = new StepMeter(ExecutionLimits.DEFAULT.stepsPerExecution());
        return switch (query) {
            case "effective" -> {
                String what = "policy query effective";
                PolicyCommand.EffectiveAt at = ContractJson.read(argument, PolicyCommand.EffectiveAt.class, what);
                String path = DevicePath.validateScope(at.path(), what, "path", meter);
                yield ContractJson.write(EffectivePolicies.meet(path, state.inForceOver(path, meter), meter));
            }
            case "policies" -> {
                String what = "policy query policies";
                PolicyCommand.PoliciesUnder under = ContractJson.read(argument, PolicyCommand.PoliciesUnder.class,
                        what);
                String scope = DevicePath.validateScope(under.under(), what, "under", meter);
                List<IssuedPolicy> listed = new ArrayList<>();
                boolean truncated = false;
                for (PolicySlot slot : state.policies().values()) {
                    meter.charge();
                    if (DevicePath.isWithin(slot.newest().document().scope(), scope)) {
                        if (listed.size() == PolicyLimits.MAX_LISTED) {
                            truncated = true;
                            break;
                        }
                        listed.add(slot.newest());
                    }
                }
                yield ContractJson.write(new PolicyList(scope, listed, truncated));
            }
            case "policy" -> {
                String what = "policy query policy";
                PolicyCommand.PolicyOf of = ContractJson.read(argument, PolicyCommand.PolicyOf.class, what);
                String scope = DevicePath.validateScope(of.scope(), what, "scope", meter);
                Rank rank = required(of.rank(), what, "rank");
                PolicySlot slot = state.slot(scope, rank);
                if (slot == null) {
                    throw new ContractRefusal("no-policy", what + ": no policy of rank " + rank + " over " + scope
                            + " is committed");
                }
                yield ContractJson.write(slot);
            }
            case "state" -> ContractJson.write(state);
            default -> throw new ContractRefusal("unknown-query", NAME + " has no query '" + query
                    + "'; queries: effective, policies, policy, state");
        };
    }

    private static <T> T required(T value, String what, String field) {
        if (value == null) {
            throw new ContractRefusal("malformed-payload", what + ": field '" + field + "' is required");
        }
        return value;
    }
}
