package org.fogledger.ledger.contract.consent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Properties of generated consents: FHIR round trips, the JSON form, and decisions against the oracle. The terms
 * properties run without jqwik's edge cases, which would otherwise spend most tries on consents of one provision;
 * the extremes that matter (first and last FHIR instants) are in the generators' pools.
 */
class ConsentProperties {
    private static final PublicKey OWNER = ConsentFixtures.OWNER.publicKey();

    private static StepMeter meter() {
        return new StepMeter(ExecutionLimits.DEFAULT.stepsPerExecution());
    }

    private static byte[] export(ConsentTerms terms) {
        return FhirConsentWriter.writeBytes(ConsentRecord.granted("c0".repeat(32), terms, 0, 1), OWNER);
    }

    @Provide
    Arbitrary<ConsentTerms> terms() {
        return ConsentArbitraries.wide().terms();
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void generated_terms_are_valid(@ForAll("terms") ConsentTerms terms) {
        ConsentTermsValidator.validate(terms, "grant", meter());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void export_then_import_gives_back_the_terms(@ForAll("terms") ConsentTerms terms) {
        assertEquals(terms, FhirConsentReader.read(export(terms), OWNER, meter()));
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void import_export_import_is_the_identity_and_the_export_is_stable(@ForAll("terms") ConsentTerms terms) {
        byte[] document = export(terms);
        ConsentTerms imported = FhirConsentReader.read(document, OWNER, meter());
        byte[] again = export(imported);

        assertEquals(imported, FhirConsentReader.read(again, OWNER, meter()));
        assertArrayEquals(document, again);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void terms_survive_their_ledger_json_form(@ForAll("terms") ConsentTerms terms) {
        assertEquals(terms, ContractJson.readTrusted(ContractJson.write(terms), ConsentTerms.class));
    }

    @Provide
    Arbitrary<List<ConsentRecord>> consents() {
        return ConsentArbitraries.narrow().records();
    }

    @Provide
    Arbitrary<List<DecisionRequest>> requests() {
        return ConsentArbitraries.narrow().requests().list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 300)
    void the_decision_point_decides_as_the_plain_semantics(@ForAll("consents") List<ConsentRecord> consents,
                                                            @ForAll("requests") List<DecisionRequest> requests) {
        assertEquals(Optional.empty(),
                ReferenceDecisions.firstDisagreement(ReferenceDecisions.DECISION_POINT, consents, requests));
    }
}
