package org.fogledger.ledger.contract.consent;

import static org.fogledger.ledger.contract.consent.ConsentFixtures.DAY;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.DOCTOR;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.HEART_RATE;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.INSURER;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.OWNER;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.OWNER_CONSENTS;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.T0;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.doctorReadsHeartRate;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.hex;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The consent contract on the in-memory host: grants, withdrawals, who may make them, and the queries. */
class ConsentContractTest {
    private final ConsentFixtures ledger = new ConsentFixtures();

    private static Provision doctorMayReadForTreatment() {
        return Provision.permit()
                .withRecipients(Reference.key(hex(DOCTOR)))
                .withActions(ConsentAction.ACCESS)
                .withPurposes("TREAT");
    }

    @Test
    void a_grant_is_named_by_its_transaction_and_decides_from_its_block_time() {
        Transaction grant = ledger.transaction(OWNER, OWNER_CONSENTS, ConsentContract.GRANT,
                ContractJson.write(ConsentTerms.of(doctorMayReadForTreatment())));
        ContractResult result = ledger.block(T0, grant).get(0);

        assertEquals("granted", result.code());
        String id = grant.hash().hex();
        assertEquals(id, ContractJson.readTrusted(result.data(), ConsentContract.GrantReceipt.class).consentId());
        assertEquals(Decision.by(id, "provision", ProvisionType.PERMIT), ledger.decide(doctorReadsHeartRate(T0)));
        assertEquals(Decision.NO_CONSENT, ledger.decide(doctorReadsHeartRate(T0 - 1)));
    }

    @Test
    void a_native_grant_gets_the_defaults_fhir_requires() {
        String id = ledger.grant(T0, doctorMayReadForTreatment());
        ConsentTerms terms = ledger.state().find(id).orElseThrow().terms();

        assertEquals(ConsentVocabulary.DEFAULT_SCOPE, terms.scope());
        assertEquals(List.of(ConsentVocabulary.DEFAULT_CATEGORY), terms.category());
        assertEquals(ConsentVocabulary.DEFAULT_POLICY_RULE, terms.policyRule());
        assertEquals(ConsentVocabulary.DEFAULT_RECIPIENT_ROLE, terms.provision().actor().get(0).role());
        assertEquals(OWNER.publicKey(), ledger.state().owner());
    }

    @Nested
    class Withdrawal {
        @Test
        void is_one_transaction_effective_from_its_block_and_never_before() {
            String id = ledger.grant(T0, doctorMayReadForTreatment());
            ContractResult result = ledger.withdraw(T0 + 5 * DAY, OWNER, id);

            assertEquals("withdrawn", result.code(), result::toString);
            assertEquals(new ConsentContract.WithdrawalReceipt(id, T0 + 5 * DAY),
                    ContractJson.readTrusted(result.data(), ConsentContract.WithdrawalReceipt.class));
            assertTrue(ledger.decide(doctorReadsHeartRate(T0 + 5 * DAY - 1)).permits(),
                    "a decision about a time before the withdrawal still permits");
            assertEquals(Decision.NO_CONSENT, ledger.decide(doctorReadsHeartRate(T0 + 5 * DAY)));
            assertEquals(Decision.NO_CONSENT, ledger.decide(doctorReadsHeartRate(T0 + 6 * DAY)));
        }

        @Test
        void keeps_the_status_history() {
            String id = ledger.grant(T0, doctorMayReadForTreatment());
            ledger.withdraw(T0 + 5 * DAY, OWNER, id);

            ConsentRecord record = ContractJson.readTrusted(ledger.host().query(OWNER_CONSENTS,
                    ConsentContract.QUERY_CONSENT, ContractJson.write(new ConsentContract.ConsentIdArgument(id))),
                    ConsentRecord.class);
            assertEquals(List.of(new StatusChange(ConsentStatus.ACTIVE, T0, 1),
                    new StatusChange(ConsentStatus.WITHDRAWN, T0 + 5 * DAY, 2)), record.history());
            assertEquals(ConsentStatus.WITHDRAWN, record.status());
        }

        @Test
        void of_a_consent_already_withdrawn_or_unknown_is_refused() {
            String id = ledger.grant(T0, doctorMayReadForTreatment());
            ledger.withdraw(T0 + DAY, OWNER, id);

            assertEquals("already-withdrawn", ledger.withdraw(T0 + 2 * DAY, OWNER, id).code());
            ContractResult unknown = ledger.withdraw(T0 + 2 * DAY, OWNER, "00".repeat(32));
            assertEquals("unknown-consent", unknown.code());
            assertTrue(unknown.text().contains("no consent '" + "00".repeat(20)), unknown.text());
        }

        @Test
        void leaves_the_other_consents_in_force() {
            String first = ledger.grant(T0, doctorMayReadForTreatment());
            String second = ledger.grant(T0 + 1, Provision.permit().withRecipients(Reference.role("cardiologist")));
            ledger.withdraw(T0 + DAY, OWNER, first);

            assertEquals(Decision.by(second, "provision", ProvisionType.PERMIT),
                    ledger.decide(doctorReadsHeartRate(T0 + 2 * DAY)));
        }
    }

    @Test
    void a_consent_expires_with_its_period_without_a_transaction() {
        ledger.grant(T0, doctorMayReadForTreatment().withPeriod(T0, T0 + 30 * DAY));

        assertTrue(ledger.decide(doctorReadsHeartRate(T0 + 30 * DAY)).permits());
        assertEquals(Decision.NO_CONSENT, ledger.decide(doctorReadsHeartRate(T0 + 30 * DAY + 1)));
        assertEquals(ConsentStatus.ACTIVE, ledger.state().consents().values().iterator().next().status(),
                "expiry is read from the period, not recorded as a status");
    }

    @Nested
    class Only_the_owner {
        @Test
        void may_grant() {
            ContractResult result = ledger.run(T0, DOCTOR, OWNER_CONSENTS, ConsentContract.GRANT,
                    ContractJson.write(ConsentTerms.of(doctorMayReadForTreatment())));

            assertEquals("not-owner", result.code());
            assertTrue(result.text().contains(DOCTOR.publicKey().keyId().hex()), result.text());
            assertTrue(ledger.state().consents().isEmpty());
        }

        @Test
        void may_import_a_fhir_consent() {
            String fhir = new String(FhirConsentWriter.writeBytes(
                    ConsentRecord.granted("ab".repeat(32), ConsentTerms.of(doctorMayReadForTreatment()), T0, 1),
                    DOCTOR.publicKey()), java.nio.charset.StandardCharsets.UTF_8);

            assertEquals("not-owner", ledger.run(T0, DOCTOR, OWNER_CONSENTS, ConsentContract.IMPORT_FHIR,
                    utf8(fhir)).code());
        }

        @Test
        void may_withdraw() {
            String id = ledger.grant(T0, doctorMayReadForTreatment());

            assertEquals("not-owner", ledger.withdraw(T0 + DAY, INSURER, id).code());
            assertTrue(ledger.decide(doctorReadsHeartRate(T0 + 2 * DAY)).permits());
        }

        @Test
        void and_only_in_a_transaction_of_their_own_not_through_another_contract() {
            InMemoryContractHost host = new InMemoryContractHost(
                    ContractCatalog.of(new ConsentContract(), new Relay()), ExecutionLimits.DEFAULT);
            ConsentFixtures viaRelay = new ConsentFixtures(host);
            // The owner signs a transaction to a relay contract, which forwards a grant: sender is the owner,
            // caller is the relay. A contract must not act with its caller's authority.
            Transaction forward = viaRelay.transaction(OWNER, ContractAddress.of("relay", "_"), "forward",
                    ContractJson.write(ConsentTerms.of(doctorMayReadForTreatment())));
            var results = host.execute(1, T0, List.of(forward));

            assertTrue(results.forTransaction(0).result().ok());
            ContractResult forwarded = results.records().get(1).result();
            assertEquals("not-owner", forwarded.code());
            assertTrue(forwarded.text().contains("not from contract relay/_"), forwarded.text());
            assertTrue(viaRelay.state().consents().isEmpty());
        }

        @Test
        void whose_key_id_is_the_instance_key() {
            ContractAddress notAKeyId = ContractAddress.of(ConsentContract.NAME, "alice");
            ContractResult result = ledger.run(T0, OWNER, notAKeyId, ConsentContract.GRANT,
                    ContractJson.write(ConsentTerms.of(doctorMayReadForTreatment())));
            assertEquals("not-owner", result.code());
        }
    }

    /** Forwards its payload as a grant to the consents of whoever signed the transaction. */
    private static final class Relay implements Contract<String, String> {
        @Override
        public String name() {
            return "relay";
        }

        @Override
        public Class<String> stateType() {
            return String.class;
        }

        @Override
        public Class<String> eventType() {
            return String.class;
        }

        @Override
        public String initialState(String instance) {
            return "";
        }

        @Override
        public Outcome<String> handle(String state, Invocation invocation, StepMeter meter) {
            ContractAddress target = ConsentFixtures.ownerAddress(OWNER);
            return Outcome.<String>answer(ContractResult.ok("forwarded"))
                    .withMessages(List.of(new ContractMessage(target, ConsentContract.GRANT, invocation.payload())));
        }

        @Override
        public String apply(String state, String event) {
            return state;
        }
    }

    @Nested
    class Malformed_payloads_are_refused_naming_what_is_wrong {
        private ContractResult grant(String json) {
            return ledger.run(T0, OWNER, OWNER_CONSENTS, ConsentContract.GRANT, utf8(json));
        }

        private void assertRefused(String code, String expectedText, ContractResult result) {
            assertFalse(result.ok());
            assertEquals(code, result.code(), result::toString);
            assertTrue(result.text().contains(expectedText), () -> "'" + result.text() + "' should mention '"
                    + expectedText + "'");
            assertTrue(ledger.state().consents().isEmpty());
        }

        @Test
        void not_json() {
            assertRefused("malformed-payload", "consent.grant: not valid JSON", grant("{\"provision\": "));
        }

        @Test
        void an_unknown_field() {
            assertRefused("malformed-payload", "securityLabel",
                    grant("{\"provision\": {\"type\": \"permit\", \"securityLabel\": []}}"));
        }

        @Test
        void a_field_of_the_wrong_type() {
            assertRefused("malformed-payload", "provision.period.start",
                    grant("{\"provision\": {\"type\": \"permit\", \"period\": {\"start\": \"yesterday\"}}}"));
        }

        @Test
        void an_unknown_provision_type() {
            assertRefused("malformed-payload", "provision.type",
                    grant("{\"provision\": {\"type\": \"maybe\"}}"));
        }

        @Test
        void a_missing_provision_type() {
            assertRefused("invalid-consent", "grant.provision.provision[0].type is required",
                    grant("{\"provision\": {\"type\": \"permit\", \"provision\": [{\"action\": [{\"system\": \""
                            + FhirSystems.CONSENT_ACTION + "\", \"code\": \"access\"}]}]}}"));
        }

        @Test
        void no_provision_at_all() {
            assertRefused("invalid-consent", "grant.provision is required", grant("{}"));
        }

        @Test
        void an_unknown_purpose() {
            ContractResult result = ledger.run(T0, OWNER, OWNER_CONSENTS, ConsentContract.GRANT,
                    ContractJson.write(ConsentTerms.of(Provision.permit().withPurposes("TREAT", "SNOOPING"))));
            assertRefused("invalid-consent", "grant.provision.purpose[1] '" + FhirSystems.ACT_REASON
                    + "#SNOOPING' is not a v3 PurposeOfUse code", result);
        }

        @Test
        void an_action_from_the_wrong_system() {
            ContractResult result = ledger.run(T0, OWNER, OWNER_CONSENTS, ConsentContract.GRANT,
                    ContractJson.write(ConsentTerms.of(Provision.permit()
                            .withClasses(HEART_RATE)
                            .withExceptions(new Provision(ProvisionType.DENY, null, null,
                                    List.of(Coding.of(FhirSystems.CONSENT_ACTION, "aggregate")), null, null,
                                    null, null, null)))));
            assertRefused("invalid-consent", "grant.provision.provision[0].action[0]", result);
        }

        @Test
        void a_key_that_is_not_a_key() {
            ContractResult result = ledger.run(T0, OWNER, OWNER_CONSENTS, ConsentContract.GRANT,
                    ContractJson.write(ConsentTerms.of(Provision.permit().withRecipients(Reference.key("01abc")))));
            assertRefused("invalid-consent", "grant.provision.actor[0].reference.value '01abc' is not a public key",
                    result);
        }

        @Test
        void a_device_where_a_recipient_belongs() {
            ContractResult result = ledger.run(T0, OWNER, OWNER_CONSENTS, ConsentContract.GRANT,
                    ContractJson.write(ConsentTerms.of(Provision.permit().withRecipients(Reference.device("d1")))));
            assertRefused("invalid-consent", "grant.provision.actor[0].reference is a device reference", result);
        }

        @Test
        void a_period_that_ends_before_it_starts() {
            ContractResult result = ledger.run(T0, OWNER, OWNER_CONSENTS, ConsentContract.GRANT,
                    ContractJson.write(ConsentTerms.of(Provision.permit().withPeriod(T0, T0 - 1))));
            assertRefused("invalid-consent", "grant.provision.period starts at 2026-01-01T00:00:00Z", result);
        }

        @Test
        void provisions_nested_too_deep() {
            Provision deep = Provision.permit();
            for (int i = 0; i < ConsentLimits.MAX_DEPTH; i++) {
                deep = (i % 2 == 0 ? Provision.deny() : Provision.permit()).withExceptions(deep);
            }
            ContractResult result = ledger.run(T0, OWNER, OWNER_CONSENTS, ConsentContract.GRANT,
                    ContractJson.write(ConsentTerms.of(deep)));
            assertRefused("invalid-consent", "nests deeper than the limit of 8 levels", result);
        }

        @Test
        void a_withdrawal_without_an_id() {
            ledger.grant(T0, doctorMayReadForTreatment());
            ContractResult result = ledger.run(T0 + 1, OWNER, OWNER_CONSENTS, ConsentContract.WITHDRAW, utf8("{}"));
            assertEquals("malformed-payload", result.code());
            assertTrue(result.text().contains("consentId is required"), result.text());
        }

        @Test
        void an_unknown_command() {
            assertEquals("unknown-command",
                    ledger.run(T0, OWNER, OWNER_CONSENTS, "revoke-everything", utf8("{}")).code());
        }

        @Test
        void a_decision_request_without_a_purpose() {
            String request = "{\"device\": \"d1\", \"dataClass\": {\"system\": \"http://loinc.org\", \"code\":"
                    + " \"8867-4\"}, \"action\": \"access\", \"recipient\": {\"role\": \"nurse\"}, \"at\": 1}";
            ContractRefusal refusal = assertThrows(ContractRefusal.class,
                    () -> ledger.host().query(OWNER_CONSENTS, ConsentContract.QUERY_DECIDE, utf8(request)));
            assertEquals("malformed-payload", refusal.code());
            assertTrue(refusal.getMessage().contains("purpose 'null' is not a v3 PurposeOfUse code"),
                    refusal.getMessage());
        }
    }

    @Test
    void an_owner_holds_a_bounded_number_of_consents() {
        Transaction[] grants = new Transaction[ConsentLimits.MAX_CONSENTS + 1];
        byte[] terms = ContractJson.write(ConsentTerms.of(doctorMayReadForTreatment()));
        for (int i = 0; i < grants.length; i++) {
            grants[i] = ledger.transaction(OWNER, OWNER_CONSENTS, ConsentContract.GRANT, terms);
        }
        List<ContractResult> results = ledger.block(T0, grants);

        assertTrue(results.get(ConsentLimits.MAX_CONSENTS - 1).ok());
        assertEquals("too-many-consents", results.get(ConsentLimits.MAX_CONSENTS).code());
    }

    @Test
    void state_and_events_survive_their_json_form_exactly() {
        String id = ledger.grant(T0, doctorMayReadForTreatment().withPeriod(T0, null)
                .withExceptions(Provision.deny().withDevices("d1").withClasses(HEART_RATE)));
        ledger.withdraw(T0 + DAY, OWNER, id);
        ConsentState state = ledger.state();

        assertEquals(state, ContractJson.readTrusted(ContractJson.write(state), ConsentState.class));
        ConsentEvent granted = new ConsentEvent.Granted(id, OWNER.publicKey(), state.find(id).orElseThrow().terms(),
                T0, 1);
        ConsentEvent withdrawn = new ConsentEvent.Withdrawn(id, T0 + DAY, 2);
        for (ConsentEvent event : List.of(granted, withdrawn)) {
            assertEquals(event, ContractJson.readTrusted(ContractJson.write(event), ConsentEvent.class));
        }
    }

    @Test
    void an_owner_without_consents_answers_no_consent_and_knows_no_consent_id() {
        assertEquals(Decision.NO_CONSENT, ledger.decide(doctorReadsHeartRate(T0)));
        ContractRefusal refusal = assertThrows(ContractRefusal.class, () -> ledger.host().query(OWNER_CONSENTS,
                ConsentContract.QUERY_EXPORT_FHIR, ContractJson.write(new ConsentContract.ConsentIdArgument("x"))));
        assertEquals("unknown-consent", refusal.code());
        assertNull(ledger.state().owner());
    }
}
