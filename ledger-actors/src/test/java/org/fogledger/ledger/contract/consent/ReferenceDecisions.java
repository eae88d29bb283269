package org.fogledger.ledger.contract.consent;

import java.util.List;
import java.util.Optional;
import org.fogledger.ledger.contract.ContractJson;

/**
 * The decision semantics written as plainly as possible over the model, without compiling anything: the oracle
 * the compiled {@link ConsentDecisionPoint} is checked against.
 */
final class ReferenceDecisions {
    private ReferenceDecisions() {
    }

    /** Something that decides requests over a list of consents: the decision point, or a planted bug. */
    interface Decider {
        Decision decide(List<ConsentRecord> consents, DecisionRequest request);
    }

    static final Decider DECISION_POINT = (consents, request) -> ConsentDecisionPoint.of(consents).decide(request);

    /** The first request {@code decider} answers differently from the oracle, described; empty if none. */
    static Optional<String> firstDisagreement(Decider decider, List<ConsentRecord> consents,
                                              List<DecisionRequest> requests) {
        for (DecisionRequest request : requests) {
            Decision expected = decide(consents, request);
            Decision actual = decider.decide(consents, request);
            if (!expected.equals(actual)) {
                return Optional.of(request + ": expected " + expected + ", got " + actual);
            }
        }
        return Optional.empty();
    }

    static Decision decide(List<ConsentRecord> consents, DecisionRequest request) {
        Decision permit = null;
        for (ConsentRecord consent : consents) {
            if (!consent.inForceAt(request.at())) {
                continue;
            }
            Decision decision = decide(consent.id(), "provision", consent.terms().provision(), request);
            if (decision != null && !decision.permits()) {
                return decision;
            }
            if (decision != null && permit == null) {
                permit = decision;
            }
        }
        return permit == null ? Decision.NO_CONSENT : permit;
    }

    private static Decision decide(String id, String path, Provision provision, DecisionRequest request) {
        if (!matches(provision, request)) {
            return null;
        }
        Decision permit = null;
        for (int i = 0; i < provision.provision().size(); i++) {
            Decision decision = decide(id, path + ".provision[" + i + "]", provision.provision().get(i), request);
            if (decision != null && !decision.permits()) {
                return decision;
            }
            if (decision != null && permit == null) {
                permit = decision;
            }
        }
        return permit != null ? permit : Decision.by(id, path, provision.type());
    }

    static boolean matches(Provision provision, DecisionRequest request) {
        Recipient recipient = request.recipient();
        String keyHex = recipient.key() == null ? null : ContractJson.hex(recipient.key());
        return (provision.period() == null || provision.period().contains(request.at()))
                && (provision.dataPeriod() == null || provision.dataPeriod().contains(request.effectiveDataTime()))
                && (provision.actor().isEmpty() || provision.actor().stream().anyMatch(actor -> {
                    Reference who = actor.reference();
                    return switch (who.kind()) {
                        case KEY -> who.value().equals(keyHex);
                        case ROLE -> who.value().equals(recipient.role());
                        case ORGANIZATION -> who.value().equals(recipient.organization());
                        case DEVICE -> false;
                    };
                }))
                && (provision.action().isEmpty() || provision.action().stream()
                        .anyMatch(action -> action.code().equals(request.action())))
                && (provision.purpose().isEmpty() || provision.purpose().stream()
                        .anyMatch(purpose -> PurposeOfUse.covers(purpose.code(), request.purpose())))
                && (provision.dataClass().isEmpty() || provision.dataClass().stream()
                        .anyMatch(c -> c.is(request.dataClass().system(), request.dataClass().code())))
                && (provision.data().isEmpty() || provision.data().stream()
                        .anyMatch(data -> data.reference().value().equals(request.device())));
    }
}
