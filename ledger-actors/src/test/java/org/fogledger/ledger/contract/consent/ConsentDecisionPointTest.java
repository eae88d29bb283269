package org.fogledger.ledger.contract.consent;

import static org.fogledger.ledger.contract.consent.ConsentFixtures.DAY;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.DOCTOR;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.HEART_RATE;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.HOSPITAL;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.INSURER;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.SENSOR;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.STEPS;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.T0;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.doctorReadsHeartRate;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The decision semantics of FHIR consents, on records built in memory (no ledger). */
class ConsentDecisionPointTest {
    private static final String A = "a1".repeat(32);
    private static final String B = "b2".repeat(32);

    private static ConsentRecord consent(String id, Provision provision) {
        return ConsentRecord.granted(id, ConsentTerms.of(provision), T0, 1);
    }

    private static Decision decide(DecisionRequest request, ConsentRecord... consents) {
        return ConsentDecisionPoint.of(List.of(consents)).decide(request);
    }

    private static Decision permitBy(String id, String path) {
        return Decision.by(id, path, ProvisionType.PERMIT);
    }

    private static Decision denyBy(String id, String path) {
        return Decision.by(id, path, ProvisionType.DENY);
    }

    private static DecisionRequest nurse(String purpose, ConsentAction action) {
        return new DecisionRequest(SENSOR, HEART_RATE, action, purpose, new Recipient(null, "nurse", HOSPITAL),
                T0 + DAY);
    }

    private static DecisionRequest doctor(String purpose, ConsentAction action) {
        return new DecisionRequest(SENSOR, HEART_RATE, action, purpose,
                new Recipient(DOCTOR.publicKey(), "cardiologist", HOSPITAL), T0 + DAY);
    }

    @Test
    void a_base_permit_permits_what_it_matches_and_names_itself() {
        ConsentRecord consent = consent(A, Provision.permit()
                .withRecipients(Reference.key(hex(DOCTOR)))
                .withActions(ConsentAction.ACCESS)
                .withPurposes("TREAT")
                .withClasses(HEART_RATE)
                .withDevices(SENSOR));

        Decision decision = decide(doctorReadsHeartRate(T0 + DAY), consent);

        assertEquals(permitBy(A, "provision"), decision);
        assertEquals("consent a1a1a1a1, provision (permit)", decision.reason());
    }

    @Test
    void what_no_consent_speaks_of_is_denied_as_no_consent() {
        ConsentRecord forTheDoctorOnly = consent(A, Provision.permit().withRecipients(Reference.key(hex(DOCTOR))));
        DecisionRequest insurer = new DecisionRequest(SENSOR, HEART_RATE, ConsentAction.ACCESS, "HPAYMT",
                new Recipient(INSURER.publicKey(), null, "org-insure"), T0 + DAY);

        assertEquals(Decision.NO_CONSENT, decide(insurer, forTheDoctorOnly));
        assertEquals(Decision.NO_CONSENT, decide(insurer));
        assertEquals("no consent", Decision.NO_CONSENT.reason());
    }

    @Test
    void a_base_deny_is_an_opt_out_for_what_it_matches() {
        ConsentRecord optOut = consent(A, Provision.deny().withRecipients(Reference.organization("org-insure")));
        DecisionRequest insurer = new DecisionRequest(SENSOR, HEART_RATE, ConsentAction.ACCESS, "HPAYMT",
                new Recipient(INSURER.publicKey(), null, "org-insure"), T0 + DAY);

        assertEquals(denyBy(A, "provision"), decide(insurer, optOut));
    }

    @Nested
    class Nested_exceptions {
        // The hospital may do anything with the data, except marketing; but the owner's own doctor may do even
        // that. A deny inside a permit, and a permit inside that deny.
        private final ConsentRecord consent = consent(A, Provision.permit()
                .withRecipients(Reference.organization(HOSPITAL))
                .withExceptions(Provision.deny()
                        .withPurposes("HMARKT")
                        .withExceptions(Provision.permit().withRecipients(Reference.key(hex(DOCTOR))))));

        @Test
        void the_base_provision_decides_what_no_exception_matches() {
            assertEquals(permitBy(A, "provision"), decide(nurse("TREAT", ConsentAction.ACCESS), consent));
        }

        @Test
        void a_deny_inside_a_permit_overrides_it_for_what_it_matches() {
            assertEquals(denyBy(A, "provision.provision[0]"), decide(nurse("HMARKT", ConsentAction.USE), consent));
        }

        @Test
        void a_permit_inside_that_deny_overrides_it_in_turn() {
            assertEquals(permitBy(A, "provision.provision[0].provision[0]"),
                    decide(doctor("HMARKT", ConsentAction.USE), consent));
        }

        @Test
        void an_exception_only_applies_within_its_parent() {
            // The doctor outside the hospital matches the inner permit's actor, but not the base provision.
            DecisionRequest doctorElsewhere = new DecisionRequest(SENSOR, HEART_RATE, ConsentAction.USE, "HMARKT",
                    new Recipient(DOCTOR.publicKey(), null, "org-private-practice"), T0 + DAY);
            assertEquals(Decision.NO_CONSENT, decide(doctorElsewhere, consent));
        }
    }

    @Test
    void among_matching_sibling_exceptions_deny_overrides_permit() {
        ConsentRecord consent = consent(A, Provision.deny()
                .withExceptions(
                        Provision.permit().withRecipients(Reference.key(hex(DOCTOR))),
                        Provision.deny().withActions(ConsentAction.DISCLOSE),
                        Provision.permit().withActions(ConsentAction.DISCLOSE)));

        assertEquals(denyBy(A, "provision.provision[1]"), decide(doctor("TREAT", ConsentAction.DISCLOSE), consent));
        assertEquals(permitBy(A, "provision.provision[0]"), decide(doctor("TREAT", ConsentAction.ACCESS), consent));
    }

    @Test
    void among_consents_deny_overrides_permit() {
        ConsentRecord permits = consent(A, Provision.permit().withRecipients(Reference.organization(HOSPITAL)));
        ConsentRecord denies = consent(B, Provision.permit()
                .withExceptions(Provision.deny().withActions(ConsentAction.DISCLOSE)));

        assertEquals(denyBy(B, "provision.provision[0]"),
                decide(nurse("TREAT", ConsentAction.DISCLOSE), permits, denies));
        assertEquals(permitBy(A, "provision"), decide(nurse("TREAT", ConsentAction.ACCESS), permits, denies),
                "when both permit, the first consent by id is reported");
    }

    @Nested
    class Purposes {
        private final ConsentRecord treatment = consent(A, Provision.permit().withPurposes("TREAT"));

        @Test
        void a_purpose_covers_its_descendants() {
            assertEquals(permitBy(A, "provision"), decide(doctor("ETREAT", ConsentAction.ACCESS), treatment));
            assertEquals(permitBy(A, "provision"), decide(doctor("BTG", ConsentAction.ACCESS), treatment));
        }

        @Test
        void a_purpose_does_not_cover_its_siblings_or_ancestors() {
            ConsentRecord clinicalTrials = consent(A, Provision.permit().withPurposes("CLINTRCH"));
            assertEquals(Decision.NO_CONSENT, decide(doctor("HPAYMT", ConsentAction.ACCESS), treatment));
            assertEquals(Decision.NO_CONSENT, decide(doctor("HRESCH", ConsentAction.USE), clinicalTrials));
            assertEquals(Decision.NO_CONSENT, decide(doctor("PurposeOfUse", ConsentAction.USE), treatment));
        }

        @Test
        void research_use_is_the_use_action_with_a_research_purpose() {
            ConsentRecord research = consent(A, Provision.permit()
                    .withActions(ConsentAction.USE, ConsentAction.AGGREGATE)
                    .withPurposes("HRESCH")
                    .withClasses(HEART_RATE));
            DecisionRequest trial = new DecisionRequest(SENSOR, HEART_RATE, ConsentAction.AGGREGATE,
                    "CLINTRCHNPC", new Recipient(null, null, "org-research-lab"), T0 + DAY);

            assertEquals(permitBy(A, "provision"), decide(trial, research));
            assertEquals(Decision.NO_CONSENT, decide(trial.withAction(ConsentAction.DISCLOSE), research));
            assertEquals(Decision.NO_CONSENT, decide(trial.withPurpose("HMARKT"), research));
        }
    }

    @Nested
    class Recipients {
        @Test
        void an_actor_matches_by_key_by_role_or_by_organisation() {
            DecisionRequest request = doctor("TREAT", ConsentAction.ACCESS);
            assertEquals(permitBy(A, "provision"),
                    decide(request, consent(A, Provision.permit().withRecipients(Reference.key(hex(DOCTOR))))));
            assertEquals(permitBy(A, "provision"),
                    decide(request, consent(A, Provision.permit().withRecipients(Reference.role("cardiologist")))));
            assertEquals(permitBy(A, "provision"),
                    decide(request, consent(A, Provision.permit().withRecipients(Reference.organization(HOSPITAL)))));
        }

        @Test
        void any_one_actor_of_a_provision_is_enough() {
            ConsentRecord consent = consent(A, Provision.permit()
                    .withRecipients(Reference.key(hex(INSURER)), Reference.role("cardiologist")));
            assertEquals(permitBy(A, "provision"), decide(doctor("TREAT", ConsentAction.ACCESS), consent));
        }

        @Test
        void a_recipient_that_does_not_say_its_role_matches_no_role() {
            ConsentRecord consent = consent(A, Provision.permit().withRecipients(Reference.role("cardiologist")));
            DecisionRequest keyOnly = new DecisionRequest(SENSOR, HEART_RATE, ConsentAction.ACCESS, "TREAT",
                    Recipient.key(DOCTOR.publicKey()), T0 + DAY);
            assertEquals(Decision.NO_CONSENT, decide(keyOnly, consent));
        }
    }

    @Nested
    class Data {
        @Test
        void a_provision_about_one_data_class_says_nothing_of_another() {
            ConsentRecord stepsOnly = consent(A, Provision.permit().withClasses(STEPS));
            assertEquals(Decision.NO_CONSENT, decide(doctorReadsHeartRate(T0 + DAY), stepsOnly));
        }

        @Test
        void classes_compare_by_system_and_code_not_display() {
            ConsentRecord consent = consent(A, Provision.permit()
                    .withClasses(new Coding(FhirSystems.LOINC, "8867-4", "Pulse")));
            assertEquals(permitBy(A, "provision"), decide(doctorReadsHeartRate(T0 + DAY), consent));
            ConsentRecord otherSystem = consent(A, Provision.permit().withClasses(Coding.of("urn:other", "8867-4")));
            assertEquals(Decision.NO_CONSENT, decide(doctorReadsHeartRate(T0 + DAY), otherSystem));
        }

        @Test
        void a_provision_about_one_device_says_nothing_of_another() {
            ConsentRecord otherDevice = consent(A, Provision.permit().withDevices("glucometer-2"));
            assertEquals(Decision.NO_CONSENT, decide(doctorReadsHeartRate(T0 + DAY), otherDevice));
        }

        @Test
        void a_data_period_selects_data_by_when_it_was_produced() {
            ConsentRecord lastWeekOnly = consent(A, Provision.permit().withDataPeriod(T0 - 7 * DAY, T0));
            DecisionRequest request = doctorReadsHeartRate(T0 + DAY);

            assertEquals(permitBy(A, "provision"), decide(request.withDataTime(T0 - DAY), lastWeekOnly));
            assertEquals(Decision.NO_CONSENT, decide(request.withDataTime(T0 - 8 * DAY), lastWeekOnly));
            assertEquals(Decision.NO_CONSENT, decide(request, lastWeekOnly), "without a data time, data is new");
        }
    }

    @Nested
    class Time {
        @Test
        void a_consent_expires_at_the_end_of_its_period_inclusive() {
            ConsentRecord tenDays = consent(A, Provision.permit().withPeriod(T0, T0 + 10 * DAY));

            assertEquals(permitBy(A, "provision"), decide(doctorReadsHeartRate(T0 + 5 * DAY), tenDays));
            assertEquals(permitBy(A, "provision"), decide(doctorReadsHeartRate(T0 + 10 * DAY), tenDays));
            assertEquals(Decision.NO_CONSENT, decide(doctorReadsHeartRate(T0 + 10 * DAY + 1), tenDays));
        }

        @Test
        void an_exception_with_a_period_applies_only_within_it() {
            ConsentRecord consent = consent(A, Provision.permit()
                    .withExceptions(Provision.deny().withPeriod(T0 + 2 * DAY, T0 + 3 * DAY)));

            assertEquals(permitBy(A, "provision"), decide(doctorReadsHeartRate(T0 + DAY), consent));
            assertEquals(denyBy(A, "provision.provision[0]"), decide(doctorReadsHeartRate(T0 + 2 * DAY), consent));
            assertEquals(permitBy(A, "provision"), decide(doctorReadsHeartRate(T0 + 4 * DAY), consent));
        }

        @Test
        void a_consent_decides_nothing_before_its_grant() {
            ConsentRecord grantedAtT0 = consent(A, Provision.permit().withPeriod(T0 - 30 * DAY, null));
            assertEquals(Decision.NO_CONSENT, decide(doctorReadsHeartRate(T0 - 1), grantedAtT0));
            assertEquals(permitBy(A, "provision"), decide(doctorReadsHeartRate(T0), grantedAtT0));
        }

        @Test
        void a_withdrawal_takes_effect_from_its_block_time_and_never_before() {
            ConsentRecord withdrawn = consent(A, Provision.permit()).withdrawn(T0 + 5 * DAY, 9);

            assertEquals(permitBy(A, "provision"), decide(doctorReadsHeartRate(T0 + 5 * DAY - 1), withdrawn));
            assertEquals(Decision.NO_CONSENT, decide(doctorReadsHeartRate(T0 + 5 * DAY), withdrawn));
        }
    }
}
