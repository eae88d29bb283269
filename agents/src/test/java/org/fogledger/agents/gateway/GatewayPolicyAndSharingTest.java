package org.fogledger.agents.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.ClientSystem;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.contract.BuiltInContracts;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.authority.AuthorityCommand;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.contract.consent.ConsentAction;
import org.fogledger.ledger.contract.consent.Recipient;
import org.fogledger.ledger.contract.tokens.Accounts;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.validator.LocalCluster;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways enforcing the policies committed on a real ledger (four validators, f = 1) and metering the sharing
 * economy. Genesis names a root operator and a minter; the root delegates the region {@code /eu/fr}, which issues
 * each test's policy over that test's own site with {@code authority.issue-policy}. One cluster for the class.
 */
class GatewayPolicyAndSharingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Coding HEART_RATE = Coding.of("http://loinc.org", "8867-4");
    private static final Duration NO_FALLBACK = Duration.ofHours(1);
    private static final KeyPair ROOT = KeyPair.generate();
    private static final KeyPair MINTER = KeyPair.generate();
    private static final KeyPair REGION = KeyPair.generate();

    @TempDir
    static Path dataDir;

    private static LocalCluster validators;
    private static ActorSystem<Void> system;
    private static LedgerClient client;
    private static final Map<String, Long> nonces = new HashMap<>();
    private static int gateways;

    @BeforeAll
    static void start() throws Exception {
        validators = LocalCluster.withH2(4, dataDir).withContracts(index -> BuiltInContracts.catalog(
                LocalCluster.CHAIN_ID, List.of(MINTER.publicKey()), List.of(ROOT.publicKey()))).startAll();
        system = ClientSystem.start(validators.genesis, "127.0.0.1", 0, ConfigFactory.empty());
        client = LedgerClient.create(system, LedgerClientSettings.defaults().withAnswerTimeout(WAIT));
        client.awaitValidators(4, WAIT).toCompletableFuture().get(90, TimeUnit.SECONDS);
        commit(ROOT, "authority/_", "delegate", new String(ContractJson.write(new AuthorityCommand.Delegate(
                REGION.publicKey(), Rank.REGION, "/eu/fr", null)), StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (system != null) {
            system.terminate();
        }
        if (validators != null) {
            validators.close();
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Policies

    @Test
    void firmwareBelowThePolicysMinimumIsRefusedAndNewVersionsArePickedUpAfterTheirBlock() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("gw-pol-fw", deviceKey, owner, "/eu/fr/site-a/ward-1");
        issuePolicy("/eu/fr/site-a", 1, "{\"firmware\":{\"minimum\":\"2.0\"},\"telemetry\":{\"maxPerMinute\":600}}");
        ActorRef<Gateway.Command> gateway = gateway(settings().withRecheckInterval(NO_FALLBACK));

        Gateway.SessionAnswer old = hello(gateway, "gw-pol-fw", deviceKey, new RecordingConnection(), "1.9");
        assertEquals("firmware 1.9 is older than the minimum 2.0 set by policy /eu/fr/site-a@1 (region)",
                assertInstanceOf(Gateway.SessionAnswer.Refused.class, old).reason());
        RecordingConnection connection = new RecordingConnection();
        Hash session = assertInstanceOf(Gateway.SessionAnswer.Opened.class, hello(gateway, "gw-pol-fw", deviceKey,
                connection, "2.1")).sessionId();
        assertInstanceOf(Gateway.ReadingAnswer.Accepted.class, send(gateway, reading(deviceKey, "gw-pol-fw",
                session, 0, "70")));

        // Version 2 stops telemetry at the site; only the executed-block notice can tell the gateway.
        issuePolicy("/eu/fr/site-a", 2, "{\"firmware\":{\"minimum\":\"2.0\"},\"telemetry\":{\"maxPerMinute\":0}}");
        awaitStatus(gateway, status -> List.of("/eu/fr/site-a@2 (region)").equals(
                status.sessionPolicies().get("gw-pol-fw")));

        assertEquals("rate limit: at most 0 readings per minute set by policy /eu/fr/site-a@2 (region)",
                assertInstanceOf(Gateway.ReadingAnswer.Refused.class, send(gateway, reading(deviceKey, "gw-pol-fw",
                        session, 1, "71"))).reason());

        // Version 3 raises the minimum above the firmware the device declared: its open session is closed.
        issuePolicy("/eu/fr/site-a", 3, "{\"firmware\":{\"minimum\":\"3.0\"},\"telemetry\":{\"maxPerMinute\":0}}");
        assertEquals("firmware 2.1 is older than the minimum 3.0 set by policy /eu/fr/site-a@3 (region)",
                connection.closed.get(90, TimeUnit.SECONDS));
    }

    @Test
    void afterThePolicysFailedAuthenticationsTheSiteAgentDecidesAQuarantine() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        KeyPair site = KeyPair.generate();
        bringIntoService("gw-pol-forged", deviceKey, owner, "/eu/fr/site-b/ward-1");
        commit(REGION, "authority/_", "delegate", new String(ContractJson.write(new AuthorityCommand.Delegate(
                site.publicKey(), Rank.SITE, "/eu/fr/site-b", null)), StandardCharsets.UTF_8));
        issuePolicy("/eu/fr/site-b", 1, "{\"quarantine\":{\"afterFailedAuthentications\":2}}");
        ActorRef<Gateway.Command> gateway = gateway(settings().withAgentKey(site));
        RecordingConnection connection = new RecordingConnection();
        Hash session = assertInstanceOf(Gateway.SessionAnswer.Opened.class, hello(gateway, "gw-pol-forged",
                deviceKey, connection, "1.0")).sessionId();
        KeyPair forger = KeyPair.generate();

        send(gateway, reading(forger, "gw-pol-forged", session, 0, "1"));
        send(gateway, reading(forger, "gw-pol-forged", session, 1, "2"));

        assertEquals("quarantined: 2 failed authentications", connection.closed.get(30, TimeUnit.SECONDS));
        ContractHost.QueryResult outcomes = awaitAnswer("arbitration/gw-pol-forged", "outcomes", new byte[0],
                answer -> answer.ok() && answer.text().contains("\"action\":\"quarantine\""));
        assertTrue(outcomes.text().contains("2 failed authentications (threshold 2, policy /eu/fr/site-b@1 "
                + "(region))"), outcomes.text());
    }

    @Test
    void aRecipientThePolicyDeniesGetsNothingThoughConsentPermits() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("gw-pol-share", deviceKey, owner, "/eu/fr/site-c/ward-1");
        grantHeartRate(owner, "gw-pol-share", "insurer-x");
        grantHeartRate(owner, "gw-pol-share", "hospital-a");
        issuePolicy("/eu/fr/site-c", 1, "{\"sharing\":{\"deniedRecipients\":[\"insurer-x\"]}}");
        ActorRef<Gateway.Command> gateway = gateway(settings());
        Hash session = assertInstanceOf(Gateway.SessionAnswer.Opened.class, hello(gateway, "gw-pol-share", deviceKey,
                new RecordingConnection(), "1.0")).sessionId();
        assertInstanceOf(Gateway.ReadingAnswer.Accepted.class, send(gateway, reading(deviceKey, "gw-pol-share",
                session, 0, "71")));

        Gateway.DataAnswer insurer = request(gateway, new DataRequest("gw-pol-share", HEART_RATE,
                new Recipient(KeyPair.generate().publicKey(), "underwriter", "insurer-x"), "TREAT",
                ConsentAction.ACCESS));
        Gateway.DataAnswer hospital = request(gateway, new DataRequest("gw-pol-share", HEART_RATE,
                new Recipient(KeyPair.generate().publicKey(), "cardiologist", "hospital-a"), "TREAT",
                ConsentAction.ACCESS));

        assertEquals("policy /eu/fr/site-c@1 (region) denies recipient insurer-x (rules.sharing.deniedRecipients)",
                assertInstanceOf(Gateway.DataAnswer.Denied.class, insurer).reason());
        assertEquals(1, assertInstanceOf(Gateway.DataAnswer.Delivered.class, hospital).readings().size());
    }

    // -----------------------------------------------------------------------------------------------------------
    // The sharing economy

    @Test
    void usageMeteredByTheGatewayIsPaidToTheOwnerAndABlockRefundsTheRest() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        KeyPair consumer = KeyPair.generate();
        bringIntoService("gw-share-dev", deviceKey, owner, "/eu/fr/site-d/ward-1");
        grantHeartRate(owner, "gw-share-dev", "lab-b");
        GatewaySettings settings = settings().withMeterBatchUnits(4);
        commit(MINTER, "tokens/_", "mint", "{\"to\":\"" + Accounts.of(consumer.publicKey()) + "\",\"amount\":100}");
        commit(owner, "registry/gw-share-dev", "offer-sharing", "{\"price\":3,\"unit\":\"message\",\"gateways\":[\""
                + ContractJson.hex(settings.key().publicKey()) + "\"],\"maxUnitsPerSession\":20}");
        commit(consumer, "tokens/_", "escrow-open", "{\"id\":\"gw-share-1\",\"payer\":\""
                + Accounts.of(consumer.publicKey()) + "\",\"controller\":\"sharing/gw-share-dev\",\"payees\":[\""
                + Accounts.of(owner.publicKey()) + "\"],\"amount\":60,\"expiresAt\":"
                + (System.currentTimeMillis() + 7_200_000) + ",\"memo\":{\"offer\":1,\"price\":3,\"units\":20}}");
        awaitEverywhere("sharing/gw-share-dev", "state", new byte[0],
                answer -> answer.ok() && answer.text().contains("gw-share-1"));
        ActorRef<Gateway.Command> gateway = gateway(settings.withRecheckInterval(NO_FALLBACK));
        Hash session = assertInstanceOf(Gateway.SessionAnswer.Opened.class, hello(gateway, "gw-share-dev", deviceKey,
                new RecordingConnection(), "1.0")).sessionId();
        send(gateway, reading(deviceKey, "gw-share-dev", session, 0, "71"));
        send(gateway, reading(deviceKey, "gw-share-dev", session, 1, "72"));
        Recipient lab = new Recipient(consumer.publicKey(), "analyst", "lab-b");

        // Two requests of two readings each: four units, one report of 4 x 3 tokens.
        for (int i = 0; i < 2; i++) {
            assertEquals(2, assertInstanceOf(Gateway.DataAnswer.Delivered.class, request(gateway, new DataRequest(
                    "gw-share-dev", HEART_RATE, lab, "TREAT", ConsentAction.ACCESS, "gw-share-1"))).readings().size());
        }
        Gateway.DataAnswer stranger = request(gateway, new DataRequest("gw-share-dev", HEART_RATE,
                new Recipient(KeyPair.generate().publicKey(), "analyst", "lab-b"), "TREAT", ConsentAction.ACCESS,
                "gw-share-1"));
        assertTrue(assertInstanceOf(Gateway.DataAnswer.Denied.class, stranger).reason()
                .contains("is paid by " + Accounts.of(consumer.publicKey())), stranger.toString());

        awaitBalance(owner, 12);
        commit(owner, "registry/gw-share-dev", "declare", "{\"declaration\":\"blocked\"}");

        awaitBalance(consumer, 100 - 12);
        ContractHost.QueryResult ended = awaitAnswer("sharing/gw-share-dev", "session",
                "{\"id\":\"gw-share-1\"}".getBytes(StandardCharsets.UTF_8),
                answer -> answer.ok() && answer.text().contains("\"status\":\"failed\""));
        assertTrue(ended.text().contains("\"paid\":12"), ended.text());
        assertTrue(ended.text().contains("\"refunded\":48"), ended.text());
    }

    @Test
    void aSharingSessionIsServedNoFurtherThanItsBudget() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        KeyPair consumer = KeyPair.generate();
        bringIntoService("gw-share-budget", deviceKey, owner, "/eu/fr/site-e/ward-1");
        grantHeartRate(owner, "gw-share-budget", "lab-b");
        // Nothing is reported before the end of the test: the budget is this gateway's own count.
        GatewaySettings settings = settings().withMeterBatchUnits(100).withTraceSealInterval(Duration.ofHours(1));
        commit(MINTER, "tokens/_", "mint", "{\"to\":\"" + Accounts.of(consumer.publicKey()) + "\",\"amount\":10}");
        commit(owner, "registry/gw-share-budget", "offer-sharing", "{\"price\":1,\"unit\":\"message\","
                + "\"gateways\":[\"" + ContractJson.hex(settings.key().publicKey()) + "\"],\"maxUnitsPerSession\":20}");
        commit(consumer, "tokens/_", "escrow-open", "{\"id\":\"gw-share-2\",\"payer\":\""
                + Accounts.of(consumer.publicKey()) + "\",\"controller\":\"sharing/gw-share-budget\",\"payees\":[\""
                + Accounts.of(owner.publicKey()) + "\"],\"amount\":3,\"expiresAt\":"
                + (System.currentTimeMillis() + 7_200_000) + ",\"memo\":{\"offer\":1,\"price\":1,\"units\":3}}");
        awaitEverywhere("sharing/gw-share-budget", "state", new byte[0],
                answer -> answer.ok() && answer.text().contains("gw-share-2"));
        ActorRef<Gateway.Command> gateway = gateway(settings);
        Hash session = assertInstanceOf(Gateway.SessionAnswer.Opened.class, hello(gateway, "gw-share-budget",
                deviceKey, new RecordingConnection(), "1.0")).sessionId();
        send(gateway, reading(deviceKey, "gw-share-budget", session, 0, "71"));
        send(gateway, reading(deviceKey, "gw-share-budget", session, 1, "72"));
        DataRequest paid = new DataRequest("gw-share-budget", HEART_RATE, new Recipient(consumer.publicKey(),
                "analyst", "lab-b"), "TREAT", ConsentAction.ACCESS, "gw-share-2");

        Gateway.DataAnswer first = request(gateway, paid);
        Gateway.DataAnswer second = request(gateway, paid);
        Gateway.DataAnswer third = request(gateway, paid);

        assertEquals(2, assertInstanceOf(Gateway.DataAnswer.Delivered.class, first).readings().size());
        List<SignedReading> last = assertInstanceOf(Gateway.DataAnswer.Delivered.class, second).readings();
        assertEquals(List.of("72"), last.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList(),
                "only the unit left in the budget: the newest reading");
        assertEquals("sharing session 'gw-share-2' has used its budget of 3 units",
                assertInstanceOf(Gateway.DataAnswer.Denied.class, third).reason());
        gateway.tell(Gateway.SealTrace.INSTANCE);
        awaitBalance(owner, 3);
    }

    // -----------------------------------------------------------------------------------------------------------

    private GatewaySettings settings() {
        return GatewaySettings.defaults("gw-pol-" + (++gateways), LocalCluster.CHAIN_ID, KeyPair.generate());
    }

    private ActorRef<Gateway.Command> gateway(GatewaySettings settings) {
        return system.systemActorOf(Gateway.create(settings, new ClientGatewayLedger(client, 2)),
                settings.gatewayId(), Props.empty());
    }

    private Gateway.SessionAnswer hello(ActorRef<Gateway.Command> gateway, String deviceId, KeyPair deviceKey,
                                        RecordingConnection connection, String firmware) throws Exception {
        Gateway.ChallengeIssued challenge = ask(gateway, replyTo -> new Gateway.IssueChallenge(deviceId, replyTo));
        DeviceHello hello = DeviceHello.sign(deviceKey, deviceId, challenge.gatewayId(), challenge.challenge(),
                System.currentTimeMillis(), firmware);
        return ask(gateway, replyTo -> new Gateway.OpenSession(hello, connection, replyTo));
    }

    private static SignedReading reading(KeyPair key, String deviceId, Hash session, long sequence, String value) {
        return SignedReading.sign(key, deviceId, session, sequence, HEART_RATE, System.currentTimeMillis(),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private Gateway.ReadingAnswer send(ActorRef<Gateway.Command> gateway, SignedReading reading) throws Exception {
        return ask(gateway, replyTo -> new Gateway.SubmitReading(reading, replyTo));
    }

    private Gateway.DataAnswer request(ActorRef<Gateway.Command> gateway, DataRequest request) throws Exception {
        return ask(gateway, replyTo -> new Gateway.RequestData(request, replyTo));
    }

    private void awaitStatus(ActorRef<Gateway.Command> gateway, Predicate<GatewayStatus> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        GatewayStatus status = ask(gateway, Gateway.GetStatus::new);
        while (!done.test(status)) {
            assertTrue(System.nanoTime() < deadline, "the gateway never got there: " + status);
            Thread.sleep(50);
            status = ask(gateway, Gateway.GetStatus::new);
        }
    }

    private static <T> T ask(ActorRef<Gateway.Command> gateway,
                             org.apache.pekko.japi.function.Function<ActorRef<T>, Gateway.Command> message)
            throws Exception {
        return AskPattern.ask(gateway, message, WAIT, system.scheduler()).toCompletableFuture()
                .get(90, TimeUnit.SECONDS);
    }

    // -----------------------------------------------------------------------------------------------------------
    // The ledger's side

    private void bringIntoService(String deviceId, KeyPair deviceKey, KeyPair owner, String location)
            throws Exception {
        String ownerHex = ContractJson.hex(owner.publicKey());
        commit(owner, "registry/" + deviceId, "register", "{\"deviceKey\":\"" + ContractJson.hex(
                deviceKey.publicKey()) + "\",\"model\":\"pulse-oximeter-x2\",\"maker\":\"" + ownerHex
                + "\",\"owner\":\"" + ownerHex + "\",\"location\":\"" + location + "\"}");
        commit(owner, "registry/" + deviceId, "declare", "{\"declaration\":\"commissioned\"}");
        commit(owner, "registry/" + deviceId, "declare", "{\"declaration\":\"installed\"}");
        awaitEverywhere("registry/" + deviceId, "legitimacy", new byte[0],
                answer -> answer.ok() && answer.text().contains("\"verdict\":\"admitted\""));
    }

    /** The region issues {@code version} of the policy over {@code scope}; every validator has it before we go on. */
    private static void issuePolicy(String scope, int version, String rules) throws Exception {
        commit(REGION, "authority/_", "issue-policy", "{\"document\":{\"scope\":\"" + scope + "\",\"version\":"
                + version + ",\"rules\":" + rules + "}}");
        String policyName = scope + "@" + version + " (region)";
        awaitEverywhere("policy/_", "effective", ("{\"path\":\"" + scope + "\"}").getBytes(StandardCharsets.UTF_8),
                answer -> answer.ok() && answer.text().contains(policyName));
    }

    private static void grantHeartRate(KeyPair owner, String deviceId, String organization) throws Exception {
        commit(owner, "consent/" + owner.publicKey().keyId().hex(), "grant", """
                {"provision": {"type": "permit",
                  "actor": [{"reference": {"kind": "organization", "value": "%s"}}],
                  "action": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction", "code": "access"}],
                  "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT"}],
                  "class": [{"system": "http://loinc.org", "code": "8867-4"}],
                  "data": [{"meaning": "authoredby", "reference": {"kind": "device", "value": "%s"}}]}}
                """.formatted(organization, deviceId));
        awaitEverywhere("consent/" + owner.publicKey().keyId().hex(), "state", new byte[0],
                answer -> answer.ok() && answer.text().contains(organization));
    }

    private static void awaitBalance(KeyPair holder, long balance) throws Exception {
        awaitAnswer("tokens/_", "balance", ("{\"account\":\"" + Accounts.of(holder.publicKey()) + "\"}")
                .getBytes(StandardCharsets.UTF_8), answer -> answer.ok()
                && answer.text().contains("\"balance\":" + balance + "}"));
    }

    private static void commit(KeyPair signer, String address, String command, String payload) throws Exception {
        long nonce;
        synchronized (nonces) {
            nonce = nonces.merge(signer.publicKey().keyId().hex(), 1L, Long::sum) - 1;
        }
        Transaction tx = Transaction.sign(signer, LocalCluster.CHAIN_ID, nonce, address, command,
                payload.getBytes(StandardCharsets.UTF_8));
        SubmitResult answer = client.submit(tx).toCompletableFuture().get(90, TimeUnit.SECONDS);
        SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class, answer, answer::toString);
        assertEquals(ReceiptStatus.COMMITTED_OK, committed.receipt().status(), () -> command + " on " + address
                + ": " + committed.receipt().resultCode() + " " + new String(committed.receipt().result(),
                StandardCharsets.UTF_8));
    }

    /** Polls the first validator until {@code done}; returns the answer. */
    private static ContractHost.QueryResult awaitAnswer(String address, String query, byte[] argument,
                                                        Predicate<ContractHost.QueryResult> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        ValidatorNode node = validators.nodes.get(0);
        while (true) {
            ContractHost.QueryResult answer = node.query(address, query, argument).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            if (done.test(answer)) {
                return answer;
            }
            assertTrue(System.nanoTime() < deadline, address + " " + query + " never got there: " + answer.text());
            Thread.sleep(100);
        }
    }

    private static void awaitEverywhere(String address, String query, byte[] argument,
                                        Predicate<ContractHost.QueryResult> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (ValidatorNode node : validators.nodes) {
            while (!done.test(node.query(address, query, argument).toCompletableFuture().get(30, TimeUnit.SECONDS))) {
                assertTrue(System.nanoTime() < deadline, "validator " + node.member().name() + " never got there");
                Thread.sleep(50);
            }
        }
    }
}
