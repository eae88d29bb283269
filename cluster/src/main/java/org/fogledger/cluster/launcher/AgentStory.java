package org.fogledger.cluster.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorNode;

/**
 * The demo's second chapter: ranked agents disagree about a device and the ledger settles it (flow 3 of the
 * architecture). The root operator (fixed at genesis) delegates a region, the region two sites of the hospital's
 * city; the root's policy asks a quorum of two sites to block; one site's block waits, the second carries it and the
 * registry blocks the device; a site's release loses to that quorum; the region's release outranks the sites and
 * the device is admitted again. Every step prints the arbitration's verdict and reason as the ledger recorded them.
 *
 * <p>The root operator's key and its next nonce live in the data dir, since genesis names the key and the ledger
 * remembers the nonces it used across runs; the region and sites are new agents each run.
 */
final class AgentStory {
    static final String ROOT_KEY_FILE = "root-operator.key";
    static final String ROOT_NONCE_FILE = "root-operator.nonce";
    private static final Duration ANSWER = Duration.ofSeconds(60);

    private final ValidatorNode node;
    private final String chainId;
    private final PrintWriter out;
    private final KeyPair root;
    private final Path rootNonceFile;
    private long rootNonce;
    private int committed;

    AgentStory(ValidatorNode node, String chainId, KeyPair root, Path rootNonceFile, PrintWriter out)
            throws IOException {
        this.node = node;
        this.chainId = chainId;
        this.root = root;
        this.rootNonceFile = rootNonceFile;
        this.out = out;
        this.rootNonce = Files.exists(rootNonceFile)
                ? Long.parseLong(Files.readString(rootNonceFile, StandardCharsets.UTF_8).trim()) : 0;
    }

    /** Runs the chapter about device {@code deviceId} (installed under {@code /eu/fr/lyon}); returns the receipts. */
    int run(String deviceId) throws Exception {
        KeyPair region = KeyPair.generate();
        KeyPair siteA = KeyPair.generate();
        KeyPair siteB = KeyPair.generate();
        long[] nonces = new long[3];
        out.println();
        out.println("Agents: root " + shortId(root) + " delegates region " + shortId(region) + " over /eu/fr, which"
                + " delegates sites " + shortId(siteA) + " and " + shortId(siteB) + " over /eu/fr/lyon");
        expectOk("delegate region", submitAsRoot("authority", "delegate", "{\"agent\":\"" + hex(region)
                + "\",\"rank\":\"region\",\"jurisdiction\":\"/eu/fr\"}"));
        for (KeyPair site : new KeyPair[] {siteA, siteB}) {
            expectOk("delegate site", submit(region, nonces, 0, "authority", "delegate", "{\"agent\":\"" + hex(site)
                    + "\",\"rank\":\"site\",\"jurisdiction\":\"/eu/fr/lyon\"}"));
        }
        long version = currentPolicyVersion("/eu", "root") + 1;
        expectOk("issue policy", submitAsRoot("authority", "issue-policy", "{\"document\":{\"scope\":\"/eu\","
                + "\"version\":" + version + ",\"rules\":{\"equalRanks\":{\"block\":{\"rule\":\"quorum\",\"k\":2}}}}}"));
        out.println("  policy    root's /eu@" + version + ": blocking a device takes a quorum of 2 agents of a rank");
        out.println("  device    " + deviceId + ": " + legitimacy(deviceId));

        decide("site A", siteA, nonces, 1, deviceId, "block");
        out.println("  device    " + legitimacy(deviceId));
        decide("site B", siteB, nonces, 2, deviceId, "block");
        out.println("  device    " + legitimacy(deviceId));
        decide("site A", siteA, nonces, 1, deviceId, "release");
        decide("region", region, nonces, 0, deviceId, "release");
        out.println("  device    " + legitimacy(deviceId));
        out.flush();
        return committed;
    }

    private void decide(String who, KeyPair agent, long[] nonces, int slot, String deviceId, String action)
            throws Exception {
        SubmitResult result = submit(agent, nonces, slot, "authority", "decide", "{\"deviceId\":\"" + deviceId
                + "\",\"action\":\"" + action + "\"}");
        if (!(result instanceof SubmitResult.Committed done) || !done.receipt().isOk()) {
            out.printf("  %-9s %s %s: not committed (%s)%n", who, action, deviceId, describe(result));
            return;
        }
        long height = done.receipt().height();
        ContractHost.QueryResult answer = node.query("arbitration/" + deviceId, "outcomes",
                ("{\"sinceHeight\":" + height + "}").getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                .get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        JsonNode settled = null;
        for (JsonNode settlement : ContractJson.mapper().readTree(answer.json()).path("settlements")) {
            JsonNode decision = settlement.path("decision");
            if (decision.path("agent").asText().equals(hex(agent)) && decision.path("height").asLong() == height
                    && decision.path("index").asInt() == done.receipt().index()) {
                settled = settlement;
            }
        }
        out.printf("  %-9s %s %s at height %d: %s%n", who, action, deviceId, height, settled == null
                ? "no settlement recorded (" + answer.text() + ")"
                : settled.path("verdict").asText() + " (" + settled.path("code").asText() + "): "
                + settled.path("reason").asText());
    }

    private String legitimacy(String deviceId) throws Exception {
        ContractHost.QueryResult answer = node.query("registry/" + deviceId, "legitimacy", new byte[0])
                .toCompletableFuture().get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        JsonNode verdict = ContractJson.mapper().readTree(answer.json());
        return verdict.path("verdict").asText("?") + ": " + verdict.path("reason").asText(answer.text());
    }

    private long currentPolicyVersion(String scope, String rank) throws Exception {
        ContractHost.QueryResult answer = node.query("policy/_", "policy", ("{\"scope\":\"" + scope
                + "\",\"rank\":\"" + rank + "\"}").getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                .get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        if (!answer.ok()) {
            return 0;
        }
        return ContractJson.mapper().readTree(answer.json()).path("newest").path("document").path("version")
                .asLong(0);
    }

    private SubmitResult submitAsRoot(String contract, String command, String payload) throws Exception {
        long nonce = rootNonce++;
        Files.writeString(rootNonceFile, Long.toString(rootNonce), StandardCharsets.UTF_8);
        return send(Transaction.sign(root, chainId, nonce, contract, command,
                payload.getBytes(StandardCharsets.UTF_8)));
    }

    private SubmitResult submit(KeyPair signer, long[] nonces, int slot, String contract, String command,
                                String payload) throws Exception {
        return send(Transaction.sign(signer, chainId, nonces[slot]++, contract, command,
                payload.getBytes(StandardCharsets.UTF_8)));
    }

    private SubmitResult send(Transaction tx) throws Exception {
        SubmitResult result = node.submit(tx, ANSWER).toCompletableFuture().get(ANSWER.toSeconds() + 30,
                TimeUnit.SECONDS);
        if (result instanceof SubmitResult.Committed) {
            committed++;
        }
        return result;
    }

    private void expectOk(String what, SubmitResult result) {
        if (!(result instanceof SubmitResult.Committed done) || !done.receipt().isOk()) {
            throw new StepFailed("the agents' " + what + " did not succeed: " + describe(result));
        }
    }

    /** A step the rest of the chapter depends on failed; the message says which and why. */
    static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }

    private static String describe(SubmitResult result) {
        if (result instanceof SubmitResult.Committed done) {
            return done.receipt().resultCode() + ": " + new String(done.receipt().result(), StandardCharsets.UTF_8);
        }
        return String.valueOf(result);
    }

    private static String hex(KeyPair key) {
        return ContractJson.hex(key.publicKey());
    }

    private static String shortId(KeyPair key) {
        return key.publicKey().keyId().shortHex();
    }
}
