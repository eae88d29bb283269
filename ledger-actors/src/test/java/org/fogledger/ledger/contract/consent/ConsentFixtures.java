package org.fogledger.ledger.contract.consent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * A consent contract on an in-memory host, driven block by block with chosen block times, and the vocabulary of
 * the tests: an owner (test key 0), a doctor (key 1), an insurer (key 2), a heart-rate sensor.
 */
final class ConsentFixtures {
    static final KeyPair OWNER = ChainFixtures.key(0);
    static final KeyPair DOCTOR = ChainFixtures.key(1);
    static final KeyPair INSURER = ChainFixtures.key(2);
    static final String SENSOR = "hr-sensor-7";
    static final Coding HEART_RATE = new Coding(FhirSystems.LOINC, "8867-4", "Heart rate");
    static final Coding STEPS = new Coding(FhirSystems.LOINC, "55423-8", "Number of steps");
    static final String HOSPITAL = "org-st-mary";
    static final ContractAddress OWNER_CONSENTS = ownerAddress(OWNER);

    /** Jan 1st 2026, 00:00 UTC, and a day in milliseconds. */
    static final long T0 = 1_767_225_600_000L;
    static final long DAY = 86_400_000L;

    private final InMemoryContractHost host;
    private long height;
    private long nonce;

    ConsentFixtures() {
        host = new InMemoryContractHost(ContractCatalog.of(new ConsentContract()), ExecutionLimits.DEFAULT);
    }

    ConsentFixtures(InMemoryContractHost host) {
        this.host = host;
    }

    static ContractAddress ownerAddress(KeyPair owner) {
        return ContractAddress.of(ConsentContract.NAME, owner.publicKey().keyId().hex());
    }

    static String hex(KeyPair key) {
        return ContractJson.hex(key.publicKey());
    }

    InMemoryContractHost host() {
        return host;
    }

    Transaction transaction(KeyPair signer, ContractAddress to, String command, byte[] payload) {
        return Transaction.sign(signer, ChainFixtures.CHAIN_ID, nonce++, to.toString(), command, payload);
    }

    /** Executes one block of {@code transactions} at block time {@code time}; returns each one's result. */
    List<ContractResult> block(long time, Transaction... transactions) {
        BlockResults results = host.execute(++height, time, List.of(transactions));
        List<ContractResult> answers = new ArrayList<>();
        for (int i = 0; i < transactions.length; i++) {
            answers.add(results.forTransaction(i).result());
        }
        return answers;
    }

    ContractResult run(long time, KeyPair signer, ContractAddress to, String command, byte[] payload) {
        return block(time, transaction(signer, to, command, payload)).get(0);
    }

    /** The owner grants {@code terms} at {@code time}; returns the new consent's id. */
    String grant(long time, ConsentTerms terms) {
        ContractResult result = run(time, OWNER, OWNER_CONSENTS, ConsentContract.GRANT, ContractJson.write(terms));
        assertTrue(result.ok(), result::toString);
        return ContractJson.readTrusted(result.data(), ConsentContract.GrantReceipt.class).consentId();
    }

    String grant(long time, Provision provision) {
        return grant(time, ConsentTerms.of(provision));
    }

    ContractResult withdraw(long time, KeyPair signer, String consentId) {
        return run(time, signer, OWNER_CONSENTS, ConsentContract.WITHDRAW,
                ContractJson.write(new ConsentContract.ConsentIdArgument(consentId)));
    }

    Decision decide(DecisionRequest request) {
        return ContractJson.readTrusted(host.query(OWNER_CONSENTS, ConsentContract.QUERY_DECIDE,
                ContractJson.write(request)), Decision.class);
    }

    ConsentState state() {
        return (ConsentState) host.state(OWNER_CONSENTS);
    }

    /** The doctor reads the sensor's heart rate for treatment at {@code time}. */
    static DecisionRequest doctorReadsHeartRate(long time) {
        return new DecisionRequest(SENSOR, HEART_RATE, ConsentAction.ACCESS, "TREAT",
                new Recipient(DOCTOR.publicKey(), "cardiologist", HOSPITAL), time);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
