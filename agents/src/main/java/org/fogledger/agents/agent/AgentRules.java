package org.fogledger.agents.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.contract.registry.RegistryContract;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * What an agent checks locally before it signs a decision or a delegation. The ledger checks again (it is the
 * authority); checking first keeps an agent from spending nonces and block space on transactions that must fail,
 * and gives the operator a clear refusal at once. Plain Java: no actor, no clock, no I/O.
 *
 * <p>A decision passes, in order: {@code well-formed}, {@code delegation-confirmed}, {@code rank-matches},
 * {@code within-jurisdiction}, {@code not-busy}. Each check is named so a test can plant a broken rule set
 * ({@link #without}) and show the tests catch it.
 */
public final class AgentRules {
    /** Most transactions an agent has submitted and not yet seen answered. */
    public static final int MAX_IN_FLIGHT = 16;
    /** Longest note on a decision. */
    public static final int MAX_NOTE = 512;

    /** The inputs a check looks at. */
    public record Subject(AgentIdentity identity, DelegationStatus delegation, int inFlight) {
    }

    /** One named check of a decision. */
    interface DecisionCheck {
        Optional<Refusal> check(Subject subject, DecisionRequest request);
    }

    private record Named(String name, DecisionCheck check) {
    }

    private static final List<Named> STANDARD_CHECKS = List.of(
            new Named("well-formed", (subject, request) -> wellFormed(request)),
            new Named("delegation-confirmed", (subject, request) -> confirmed(subject)),
            new Named("rank-matches", (subject, request) -> rankMatches(subject)),
            new Named("within-jurisdiction", (subject, request) -> withinJurisdiction(subject, request)),
            new Named("not-busy", (subject, request) -> notBusy(subject)));

    private static final AgentRules STANDARD = new AgentRules(STANDARD_CHECKS);

    private final List<Named> checks;

    private AgentRules(List<Named> checks) {
        this.checks = List.copyOf(checks);
    }

    public static AgentRules standard() {
        return STANDARD;
    }

    /** Test seam: the standard rules without check {@code name}, to show that a test catches its absence. */
    static AgentRules without(String name) {
        List<Named> kept = new ArrayList<>();
        for (Named named : STANDARD_CHECKS) {
            if (!named.name().equals(name)) {
                kept.add(named);
            }
        }
        if (kept.size() == STANDARD_CHECKS.size()) {
            throw new IllegalArgumentException("no check named '" + name + "'");
        }
        return new AgentRules(kept);
    }

    /** The first refusal of the checks, in order; empty if the decision may be signed. */
    public Optional<Refusal> checkDecision(Subject subject, DecisionRequest request) {
        for (Named named : checks) {
            Optional<Refusal> refusal = named.check().check(subject, request);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the agent may delegate {@code rank} over {@code jurisdiction} to {@code child}: strictly below its own
     * confirmed rank, within its own confirmed jurisdiction, to another key.
     */
    public Optional<Refusal> checkDelegation(Subject subject, PublicKey child, String rank, String jurisdiction) {
        String what = "delegation by " + subject.identity().id();
        if (child == null) {
            return refuse("malformed", what + ": the child's key is required");
        }
        if (child.equals(subject.identity().key().publicKey())) {
            return refuse("self-delegation", what + ": an agent cannot delegate to itself");
        }
        Rank childRank;
        try {
            childRank = Rank.fromWireName(rank);
        } catch (IllegalArgumentException e) {
            return refuse("malformed", what + ": " + e.getMessage());
        }
        Optional<Refusal> scope = validScope(jurisdiction, what, "jurisdiction");
        if (scope.isPresent()) {
            return scope;
        }
        Optional<Refusal> held = confirmed(subject).or(() -> rankMatches(subject)).or(() -> notBusy(subject));
        if (held.isPresent()) {
            return held;
        }
        Rank own = Rank.fromWireName(subject.delegation().rank());
        if (!childRank.isBelow(own)) {
            return refuse("rank-not-below", what + ": rank " + childRank + " is not below its own (" + own + ")");
        }
        String ownScope = subject.delegation().jurisdiction();
        if (!DevicePath.isWithin(jurisdiction, ownScope)) {
            return refuse("outside-jurisdiction", what + ": jurisdiction '" + jurisdiction
                    + "' is not within its own '" + ownScope + "'");
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Optional<Refusal> wellFormed(DecisionRequest request) {
        String what = "decision";
        if (request.deviceId() == null || request.deviceId().isEmpty()) {
            return refuse("malformed", what + ": field 'deviceId' is required");
        }
        try {
            ContractAddress.of(RegistryContract.NAME, request.deviceId());
        } catch (IllegalArgumentException e) {
            return refuse("malformed", what + ": field 'deviceId' " + e.getMessage());
        }
        try {
            DevicePath.validate(request.devicePath(), what, "devicePath", new StepMeter(Long.MAX_VALUE));
        } catch (ContractRefusal e) {
            return refuse("malformed", e.getMessage());
        }
        if (request.action() == null) {
            return refuse("malformed", what + ": field 'action' is required");
        }
        try {
            DecisionAction.fromWireName(request.action());
        } catch (IllegalArgumentException e) {
            return refuse("malformed", what + ": field 'action': " + e.getMessage());
        }
        if (request.note() != null && request.note().length() > MAX_NOTE) {
            return refuse("malformed", what + ": field 'note' is " + request.note().length()
                    + " characters long, more than " + MAX_NOTE);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> validScope(String scope, String what, String field) {
        try {
            DevicePath.validateScope(scope, what, field, new StepMeter(Long.MAX_VALUE));
            return Optional.empty();
        } catch (ContractRefusal e) {
            return refuse("malformed", e.getMessage());
        }
    }

    private static Optional<Refusal> confirmed(Subject subject) {
        DelegationStatus delegation = subject.delegation();
        if (!delegation.confirmed()) {
            return refuse("delegation-unconfirmed", "agent " + subject.identity().id()
                    + " has not read its delegation from the ledger yet; refresh it first");
        }
        if (!delegation.valid()) {
            return refuse("no-delegation", "agent " + subject.identity().id() + " holds no valid delegation: "
                    + delegation.reason());
        }
        return Optional.empty();
    }

    private static Optional<Refusal> rankMatches(Subject subject) {
        String held = subject.delegation().rank();
        String configured = subject.identity().rank().wireName();
        if (!configured.equals(held)) {
            return refuse("rank-mismatch", "agent " + subject.identity().id() + " is configured as " + configured
                    + " but the ledger delegated it rank " + held);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> withinJurisdiction(Subject subject, DecisionRequest request) {
        // Both bounds hold: the ledger's delegation (the authority) and the node's configuration (what the
        // operator meant this agent for); a delegation wider than configured does not widen the agent.
        String delegated = subject.delegation().jurisdiction();
        String configured = subject.identity().jurisdiction();
        for (String scope : new String[] {delegated, configured}) {
            if (!DevicePath.isWithin(request.devicePath(), scope)) {
                return refuse("outside-jurisdiction", "agent " + subject.identity().id() + " may decide within '"
                        + scope + "' only; device " + request.deviceId() + " is at '" + request.devicePath() + "'");
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> notBusy(Subject subject) {
        if (subject.inFlight() >= MAX_IN_FLIGHT) {
            return refuse("busy", "agent " + subject.identity().id() + " has " + subject.inFlight()
                    + " transactions awaiting their receipts (at most " + MAX_IN_FLIGHT + "); try again shortly");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String code, String message) {
        return Optional.of(new Refusal(code, message));
    }
}
