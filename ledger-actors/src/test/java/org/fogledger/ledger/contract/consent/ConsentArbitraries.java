package org.fogledger.ledger.contract.consent;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.contract.ContractJson;

/**
 * jqwik generators of valid consent terms and of decision requests over the same small pools of keys, roles,
 * organisations, devices and data classes, so that generated requests often match generated provisions. Times
 * come from a given range: a wide one for FHIR round trips, a narrow one for decisions, so that requests fall on
 * and around period bounds.
 */
final class ConsentArbitraries {
    static final List<String> KEYS = List.of(hex(0), hex(1), hex(2), hex(3));
    static final List<String> ROLES = List.of("cardiologist", "nurse", "insurer");
    static final List<String> ORGANIZATIONS = List.of("org-st-mary", "org-insure", "org-lab");
    static final List<String> DEVICES = List.of("hr-sensor-7", "glucometer-2", "scale-1");
    static final List<Coding> CLASSES = List.of(Coding.of(FhirSystems.LOINC, "8867-4"),
            Coding.of(FhirSystems.LOINC, "55423-8"), Coding.of("urn:fogledger:data-class", "location"));
    private static final List<String> DISPLAYS = List.of("Heart rate", "Fréquence cardiaque", "心拍数",
            "St Mary's \"main\" site", "a\\b / c");
    private static final List<String> DATE_TIMES = List.of("2026", "2026-02", "2026-02-28",
            "2026-02-28T09:30:00+01:00", "2026-02-28T09:30:00.123456789Z", "0001-01-01T00:00:00-14:00");

    private final Arbitrary<Long> times;
    private final boolean sparse;

    private ConsentArbitraries(Arbitrary<Long> times, boolean sparse) {
        this.times = times;
        this.sparse = sparse;
    }

    /** Times anywhere FHIR can write them, and provisions with many criteria: for the FHIR form. */
    static ConsentArbitraries wide() {
        return new ConsentArbitraries(Arbitraries.oneOf(
                Arbitraries.longs().between(FhirTime.MIN, FhirTime.MAX),
                Arbitraries.of(FhirTime.MIN, FhirTime.MAX, 0L, ConsentFixtures.T0)), false);
    }

    /**
     * Times in 0..100, so that periods, grants, withdrawals and requests meet; and provisions with few criteria
     * (most lists empty, which matches everything), so that nested exceptions often match a request and decide:
     * for decisions. With as many criteria as {@link #wide()}, a decision point that ignored exceptions went
     * unnoticed over hundreds of samples.
     */
    static ConsentArbitraries narrow() {
        return new ConsentArbitraries(Arbitraries.longs().between(0, 100), true);
    }

    /** A list of at most {@code max}; when sparse, empty three times out of four. */
    private <T> Arbitrary<List<T>> listOf(Arbitrary<T> element, int max) {
        Arbitrary<List<T>> list = element.list().ofMaxSize(max);
        return sparse ? Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<T>of())), Tuple.of(1, list))
                : list;
    }

    private static String hex(int key) {
        return ContractJson.hex(ChainFixtures.key(key).publicKey());
    }

    Arbitrary<Long> times() {
        return times;
    }

    Arbitrary<ConsentTerms> terms() {
        Arbitrary<Coding> scope = Combinators.combine(Arbitraries.of(ConsentVocabulary.SCOPES), displays())
                .as((code, display) -> new Coding(FhirSystems.CONSENT_SCOPE, code, display));
        Arbitrary<List<Reference>> performers = parties().list().ofMaxSize(2);
        Arbitrary<List<Reference>> organizations = reference(ReferenceKind.ORGANIZATION, ORGANIZATIONS)
                .list().ofMaxSize(2);
        Arbitrary<List<Policy>> policies = Arbitraries.oneOf(
                Arbitraries.just(new Policy("https://example.org/authority", null)),
                Arbitraries.just(new Policy(null, "https://example.org/policy/7")),
                Arbitraries.just(new Policy("https://example.org/authority", "urn:oid:2.16.840.1.113883.3.7")))
                .list().ofMaxSize(2);
        Arbitrary<Coding> policyRule = codings(FhirSystems.ACT_CODE, List.of("OPTIN", "OPTOUT", "OPTINR"));
        return Combinators.combine(scope, codings(FhirSystems.LOINC, List.of("59284-0", "64292-6")).list()
                                .ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of(DATE_TIMES).injectNull(0.3), performers, organizations, policies,
                        policyRule.injectNull(0.3), provisions(3))
                .as((s, category, dateTime, performer, organization, policy, rule, provision) ->
                        new ConsentTerms(s, category, dateTime, performer, organization, policy,
                                rule == null && policy.isEmpty() ? ConsentVocabulary.DEFAULT_POLICY_RULE : rule,
                                provision));
    }

    Arbitrary<Provision> provisions(int depth) {
        Arbitrary<ProvisionActor> actors = Combinators.combine(Arbitraries.of(ConsentVocabulary.RECIPIENT_ROLES),
                        displays(), parties())
                .as((role, display, party) -> new ProvisionActor(new Coding(role.system(), role.code(), display),
                        party));
        Arbitrary<Coding> actions = Combinators.combine(Arbitraries.of(ConsentAction.class), displays())
                .as((action, display) -> new Coding(action.system(), action.code(), display));
        Arbitrary<Coding> purposes = Combinators.combine(Arbitraries.of(PurposeOfUse.codes()), displays())
                .as((code, display) -> new Coding(PurposeOfUse.SYSTEM, code, display));
        Arbitrary<Coding> classes = Combinators.combine(Arbitraries.of(CLASSES), displays())
                .as((coding, display) -> new Coding(coding.system(), coding.code(), display));
        Arbitrary<ProvisionData> data = Combinators.combine(
                        Arbitraries.of(DataMeaning.DEPENDENTS, DataMeaning.AUTHOREDBY),
                        reference(ReferenceKind.DEVICE, DEVICES))
                .as(ProvisionData::new);
        Arbitrary<List<Provision>> nested = depth <= 1 ? Arbitraries.just(List.of())
                : provisions(depth - 1).list().ofMaxSize(2);
        double noPeriod = sparse ? 0.8 : 0.6;
        // Both periods as one pair, so the nine fields fit one combine: flatMap would rebuild the generators of the
        // whole nested tree for every sample, and made generation a hundred times slower.
        Arbitrary<Period[]> periods = Combinators.combine(periods().injectNull(noPeriod), periods().injectNull(0.8))
                .as((period, dataPeriod) -> new Period[] {period, dataPeriod});
        return Combinators.combine(Arbitraries.of(ProvisionType.class), periods, listOf(actors, 2),
                        listOf(actions, 3), listOf(purposes, 3), listOf(classes, 2), listOf(data, 2), nested)
                .as((type, spans, actor, action, purpose, dataClass, devices, exceptions) -> new Provision(type,
                        spans[0], actor, action, purpose, dataClass, spans[1], devices, exceptions));
    }

    /** Consents granted in the narrow time range, some withdrawn later, with distinct ids. */
    Arbitrary<List<ConsentRecord>> records() {
        Arbitrary<ConsentRecord> record = Combinators.combine(terms(), times, times.injectNull(0.6))
                .as((terms, a, b) -> {
                    long grantedAt = b == null ? a : Math.min(a, b);
                    ConsentRecord granted = ConsentRecord.granted("00", terms, grantedAt, 1);
                    return b == null ? granted : granted.withdrawn(Math.max(a, b), 2);
                });
        return record.list().ofMaxSize(3).map(list -> {
            List<ConsentRecord> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                ConsentRecord each = list.get(i);
                named.add(new ConsentRecord(String.format("%064x", i + 1), each.terms(), each.history()));
            }
            return named;
        });
    }

    Arbitrary<DecisionRequest> requests() {
        Arbitrary<Recipient> recipients = Combinators.combine(
                        Arbitraries.integers().between(0, 3).injectNull(0.3),
                        Arbitraries.of(ROLES).injectNull(0.4), Arbitraries.of(ORGANIZATIONS).injectNull(0.4))
                .filter((key, role, organization) -> key != null || role != null || organization != null)
                .as((key, role, organization) -> new Recipient(
                        key == null ? null : ChainFixtures.key(key).publicKey(), role, organization));
        return Combinators.combine(Arbitraries.of(DEVICES), Arbitraries.of(CLASSES),
                        Arbitraries.of(ConsentAction.class), Arbitraries.of(PurposeOfUse.codes()), recipients, times,
                        times.injectNull(0.5))
                .as((device, dataClass, action, purpose, recipient, at, dataTime) -> new DecisionRequest(device,
                        dataClass, action.code(), purpose, recipient, at, dataTime));
    }

    private Arbitrary<Period> periods() {
        return Combinators.combine(times.injectNull(0.3), times.injectNull(0.3))
                .filter((a, b) -> a != null || b != null)
                .as((a, b) -> a == null || b == null ? new Period(a, b) : new Period(Math.min(a, b), Math.max(a, b)));
    }

    private static Arbitrary<Reference> parties() {
        return Arbitraries.oneOf(reference(ReferenceKind.KEY, KEYS), reference(ReferenceKind.ROLE, ROLES),
                reference(ReferenceKind.ORGANIZATION, ORGANIZATIONS));
    }

    private static Arbitrary<Reference> reference(ReferenceKind kind, List<String> values) {
        return Combinators.combine(Arbitraries.of(values), displays())
                .as((value, display) -> new Reference(kind, value, display));
    }

    private static Arbitrary<Coding> codings(String system, List<String> codes) {
        return Combinators.combine(Arbitraries.of(codes), displays())
                .as((code, display) -> new Coding(system, code, display));
    }

    private static Arbitrary<String> displays() {
        return Arbitraries.of(DISPLAYS).injectNull(0.6);
    }
}
