package org.fogledger.ledger.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.contract.consent.ConsentAction;
import org.fogledger.ledger.contract.consent.ConsentDecisionPoint;
import org.fogledger.ledger.contract.consent.ConsentRecord;
import org.fogledger.ledger.contract.consent.ConsentTerms;
import org.fogledger.ledger.contract.consent.Decision;
import org.fogledger.ledger.contract.consent.DecisionRequest;
import org.fogledger.ledger.contract.consent.Provision;
import org.fogledger.ledger.contract.consent.Recipient;
import org.fogledger.ledger.contract.consent.Reference;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The consent decision point as a gateway uses it: one owner with 20 consents in force, each a base permit for
 * the hospital with two levels of exceptions (7 provisions), built once; then one decision per reading.
 * <ul>
 *   <li>{@code decidePermitNested}: the owner's doctor uses the data for marketing; every consent's base matches,
 *       and the answer is a permit three levels down, so all 20 consents and their exceptions are visited.</li>
 *   <li>{@code decideDeny}: a nurse of the hospital uses it for marketing; the first consent denies at level 2,
 *       and deny ends the search.</li>
 *   <li>{@code decideNoConsent}: an insurer no consent names; each consent is rejected at its base provision.</li>
 *   <li>{@code build}: compiling the 20 consents, what a gateway pays when the owner's state changes.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ConsentDecisionBenchmark {
    private static final int CONSENTS = 20;
    private static final long T0 = 1_767_225_600_000L;
    private static final String HOSPITAL = "org-st-mary";
    private static final Coding HEART_RATE = Coding.of("http://loinc.org", "8867-4");

    private List<ConsentRecord> consents;
    private ConsentDecisionPoint point;
    private DecisionRequest doctorMarketing;
    private DecisionRequest nurseMarketing;
    private DecisionRequest insurer;

    @Setup
    public void setUp() {
        KeyPair doctor = key("doctor");
        consents = new ArrayList<>();
        for (int i = 0; i < CONSENTS; i++) {
            Provision terms = Provision.permit()
                    .withRecipients(Reference.organization(HOSPITAL))
                    .withActions(ConsentAction.ACCESS, ConsentAction.USE)
                    .withPurposes("TREAT", "HMARKT", "HOPERAT")
                    .withClasses(HEART_RATE, Coding.of("http://loinc.org", "55423-8"))
                    .withDevices("hr-sensor-" + i, "hr-sensor-7")
                    .withPeriod(T0, T0 + 365L * 86_400_000L)
                    .withExceptions(
                            Provision.deny().withPurposes("HMARKT").withExceptions(
                                    Provision.permit().withRecipients(
                                            Reference.key(ContractJson.hex(doctor.publicKey()))),
                                    Provision.permit().withRecipients(Reference.role("dpo-" + i))),
                            Provision.deny().withDataPeriod(null, T0 - 1).withExceptions(
                                    Provision.permit().withPurposes("ETREAT"),
                                    Provision.permit().withRecipients(Reference.role("archivist-" + i))));
            String id = Sha256.hash(("consent-" + i).getBytes(StandardCharsets.UTF_8)).hex();
            consents.add(ConsentRecord.granted(id, ConsentTerms.of(terms), T0, 1));
        }
        point = ConsentDecisionPoint.of(consents);
        doctorMarketing = new DecisionRequest("hr-sensor-7", HEART_RATE, ConsentAction.USE, "HMARKT",
                new Recipient(doctor.publicKey(), "cardiologist", HOSPITAL), T0 + 86_400_000L);
        nurseMarketing = doctorMarketing.withRecipient(new Recipient(key("nurse").publicKey(), "nurse", HOSPITAL));
        insurer = doctorMarketing.withRecipient(new Recipient(key("insurer").publicKey(), "insurer", "org-insure"));
        check(decidePermitNested().permits() && !decideDeny().permits() && decideNoConsent() == Decision.NO_CONSENT,
                "the scenario does not decide as described");
    }

    private static KeyPair key(String name) {
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519,
                Sha256.hash(name.getBytes(StandardCharsets.UTF_8)).bytes());
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Benchmark
    public Decision decidePermitNested() {
        return point.decide(doctorMarketing);
    }

    @Benchmark
    public Decision decideDeny() {
        return point.decide(nurseMarketing);
    }

    @Benchmark
    public Decision decideNoConsent() {
        return point.decide(insurer);
    }

    @Benchmark
    public ConsentDecisionPoint build() {
        return ConsentDecisionPoint.of(consents);
    }
}
