package org.fogledger.ledger.contract.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;

/**
 * The comparison with the oracle, which {@link ConsentProperties} runs on random samples, catches the bugs it is
 * there for: here on 300 samples from a fixed seed, with the bugs planted into what the decision point is given.
 */
class ReferenceDecisionsTest {
    private static final int SAMPLES = 300;

    private record Sample(List<ConsentRecord> consents, List<DecisionRequest> requests) {
    }

    private static List<Sample> samples;

    /** Generated once, on first use: generators only run on a jqwik thread, so not in a static initialiser. */
    private static synchronized List<Sample> samples() {
        if (samples == null) {
            samples = generate();
        }
        return samples;
    }

    private static List<Sample> generate() {
        ConsentArbitraries arbitraries = ConsentArbitraries.narrow();
        RandomGenerator<List<ConsentRecord>> consents = arbitraries.records().generator(100);
        RandomGenerator<List<DecisionRequest>> requests = arbitraries.requests().list().ofMinSize(1).ofMaxSize(20)
                .generator(100);
        Random random = new Random(20260101L);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            samples.add(new Sample(consents.next(random).value(), requests.next(random).value()));
        }
        return samples;
    }

    private static Optional<String> firstDisagreement(ReferenceDecisions.Decider decider) {
        for (Sample sample : samples()) {
            Optional<String> disagreement =
                    ReferenceDecisions.firstDisagreement(decider, sample.consents(), sample.requests());
            if (disagreement.isPresent()) {
                return disagreement;
            }
        }
        return Optional.empty();
    }

    private static Provision withoutExceptions(Provision provision) {
        return new Provision(provision.type(), provision.period(), provision.actor(), provision.action(),
                provision.purpose(), provision.dataClass(), provision.dataPeriod(), provision.data(), List.of());
    }

    @Example
    void the_decision_point_agrees_with_the_oracle() {
        assertEquals(Optional.empty(), firstDisagreement(ReferenceDecisions.DECISION_POINT));
    }

    @Example
    void a_decision_point_that_ignores_nested_exceptions_is_caught() {
        ReferenceDecisions.Decider ignoresExceptions = (consents, request) -> ConsentDecisionPoint.of(
                consents.stream().map(c -> new ConsentRecord(c.id(), new ConsentTerms(c.terms().scope(),
                        c.terms().category(), c.terms().dateTime(), c.terms().performer(),
                        c.terms().organization(), c.terms().policy(), c.terms().policyRule(),
                        withoutExceptions(c.terms().provision())), c.history())).toList()).decide(request);

        assertTrue(firstDisagreement(ignoresExceptions).isPresent());
    }

    @Example
    void a_decision_point_that_withdraws_retroactively_is_caught() {
        ReferenceDecisions.Decider retroactive = (consents, request) -> ConsentDecisionPoint.of(consents.stream()
                .filter(c -> c.status() == ConsentStatus.ACTIVE).toList()).decide(request);

        assertTrue(firstDisagreement(retroactive).isPresent());
    }
}
