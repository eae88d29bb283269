package org.fogledger.cluster.fogctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.fogledger.agents.mqtt.GatewayMessage;
import org.fogledger.agents.mqtt.MqttDevice;
import org.fogledger.cluster.launcher.LauncherRun;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.fogledger.ledger.contract.consent.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's path through a local fog of separate processes, driven by {@code fogctl} only: {@code fog up}
 * starts the six nodes of config/local-fog (four validators; a0 with agent, gateway and the HTTP API, taking
 * devices over Mosquitto; a1), then fogctl delegates a region, applies its policy, registers and installs a
 * device for its owner, grants a consent over the device's heart rate and checks a decision against it. The device
 * (the one part fogctl does not play) publishes readings through the real broker; the gateway anchors their trace
 * on the ledger; fogctl fetches the audit proof of a reading from the API and verifies it offline against the
 * genesis, and a proof tampered with fails. About 45 s on two quiet cores (2.5 minutes when they are busy), in the
 * default suite; {@code -Dfog.e2e=false} leaves it out. It needs the ports of config/local-fog and 8080 free.
 * <pre>
 * mvn -B -pl ledger-actors,agents,cluster test -Dtest=LocalFogOperatorPathTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@DisabledIfSystemProperty(named = "fog.e2e", matches = "false")
class LocalFogOperatorPathTest {
    private static final Path CONFIG = Path.of("..", "config", "local-fog");
    private static final String SERVER = "http://127.0.0.1:8080";
    private static final String BROKER = System.getenv().getOrDefault("FOGLEDGER_MQTT_URI", "tcp://127.0.0.1:1883");
    /** The MQTT prefix and trace stream of node a0's gateway (config/local-fog/a0.conf). */
    private static final String PREFIX = "fogledger-gw-a0";
    private static final String STREAM = "gw-a0";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEVICE = "op-path-hr-1";

    @TempDir
    Path data;

    @TempDir
    Path home;

    @Test
    void fromFogUpToAVerifiedAuditProof() throws Exception {
        String[] dirs = {"--config-dir", CONFIG.toString(), "--data-dir", data.toString()};
        try {
            LauncherRun up = LauncherRun.of(concat(new String[] {"fog", "up", "--timeout", "240"}, dirs));
            assertEquals(0, up.exitCode(), up.transcript());
            operatorPath();
        } finally {
            LauncherRun down = LauncherRun.of(concat(new String[] {"fog", "down", "--grace", "30"}, dirs));
            assertEquals(0, down.exitCode(), down.transcript());
        }
    }

    private void operatorPath() throws Exception {
        Path root = data.resolve("keys").resolve("root.key");
        Path region = key("region.key");
        Path patient = key("patient.key");
        KeyPair deviceKey = KeyPair.generate(SignatureScheme.ED25519, new java.security.SecureRandom());

        awaitOk(WAIT, "validators answer the API", "get", "validators");
        ok(fogctl("apply", "-f", write("region.yaml", "kind: Delegation\nspec:\n  agent: \"" + publicHex(region)
                + "\"\n  rank: region\n  jurisdiction: /eu/fr\n"), "--key", root.toString()), "delegated");
        ok(fogctl("apply", "-f", write("policy.yaml", "kind: Policy\nspec:\n  scope: /eu/fr\n  version: 1\n"
                + "  rules:\n    telemetry:\n      maxPerMinute: 600\n"), "--key", region.toString()), "committed");

        // The patient buys the sensor: registered by its maker (here the patient too), commissioned, installed.
        ok(fogctl("apply", "-f", write("device.yaml", """
                kind: Device
                spec:
                  deviceId: %s
                  deviceKey: "%s"
                  model: heart-rate-sensor-h1
                  location: /eu/fr/lyon/home-12
                """.formatted(DEVICE, HexFormat.of().formatHex(deviceKey.publicKey().encoded()))),
                "--key", patient.toString()), "registered");
        ok(fogctl("device", "declare", DEVICE, "commissioned", "--as-owner", "--key", patient.toString()), "committed");
        ok(fogctl("device", "declare", DEVICE, "installed", "--location", "/eu/fr/lyon/home-12", "--as-owner",
                "--key", patient.toString()), "committed");

        String terms = Files.readString(Path.of("..", "config", "examples", "consent.yaml"))
                .replace("{start: 1767225600000, end: 1798761599999}", "{start: 0, end: 4102444800000}")
                .replace("hr-sensor-7", DEVICE);
        ok(fogctl("consent", "grant", write("consent.yaml", terms), "--key", patient.toString()), "granted");
        String owner = Pem.readPrivateKey(Files.readString(patient)).publicKey().keyId().hex();
        Path request = Path.of(write("request.json", """
                {"device": "%s", "dataClass": {"system": "http://loinc.org", "code": "8867-4"},
                 "action": "access", "purpose": "TREAT",
                 "recipient": {"role": "nurse", "organization": "org-st-mary"}, "at": %d}
                """.formatted(DEVICE, System.currentTimeMillis() + 3_600_000L)));
        ok(fogctl("consent", "check", request.toString(), "--owner", owner), "permit");
        FogctlRun intern = fogctl("consent", "check", write("intern.json", Files.readString(request)
                .replace("nurse", "intern")), "--owner", owner);
        assertEquals(ExitCode.NO, intern.exitCode(), intern.transcript());

        // The device itself: a session with its registered key, then signed readings over Mosquitto.
        try (MqttDevice sensor = MqttDevice.connect(BROKER, PREFIX, DEVICE, deviceKey, WAIT)) {
            GatewayMessage.Session session = openSession(sensor);
            for (int beat = 0; beat < 3; beat++) {
                long sequence = sensor.sendReading(Coding.of("http://loinc.org", "8867-4"),
                        ("7" + beat).getBytes(StandardCharsets.UTF_8)).sequence();
                GatewayMessage.Receipt receipt = sensor.awaitReceipt(session.sessionId(), sequence, WAIT);
                assertTrue(receipt.accepted(), receipt.toString());
            }
        }

        // The gateway seals and anchors its trace every few seconds; the first record's proof comes once anchored.
        Path proof = home.resolve("proof.json");
        FogctlRun fetched = awaitOk(Duration.ofSeconds(90), "the proof of trace record 0",
                "audit", "proof", STREAM, "0", "--out", proof.toString());
        assertTrue(Files.size(proof) > 0, fetched.transcript());
        ok(FogctlRun.of(home, "audit", "verify", proof.toString(), "--genesis", data.resolve("genesis.conf")
                .toString()), "valid");

        String text = Files.readString(proof);
        String tampered = write("tampered.json", text.replaceFirst("\"sequence\" ?: ?0", "\"sequence\" : 1"));
        FogctlRun refused = FogctlRun.of(home, "audit", "verify", tampered.toString(), "--genesis",
                data.resolve("genesis.conf").toString());
        assertEquals(ExitCode.NO, refused.exitCode(), refused.transcript());
    }

    /** The gateway reads the registry from one validator at a time: the installation may reach it a moment later. */
    private static GatewayMessage.Session openSession(MqttDevice sensor) throws Exception {
        GatewayMessage.Session session = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            session = sensor.openSession("1.0.0", WAIT);
            if (session.is(GatewayMessage.Session.OPENED)) {
                return session;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no session for " + DEVICE + ": " + session);
    }

    private FogctlRun fogctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", SERVER, "--timeout", "90"));
        return FogctlRun.of(home, all.toArray(String[]::new));
    }

    private FogctlRun awaitOk(Duration within, String what, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        FogctlRun run = fogctl(args);
        while (run.exitCode() != ExitCode.OK && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            run = fogctl(args);
        }
        assertEquals(ExitCode.OK, run.exitCode(), what + " within " + within + ":\n" + run.transcript());
        return run;
    }

    private static void ok(FogctlRun run, String fragment) {
        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
        assertTrue(run.out().contains(fragment), "missing '" + fragment + "'\n" + run.transcript());
    }

    private Path key(String name) {
        Path file = home.resolve(name);
        FogctlRun run = FogctlRun.of(home, "keys", "generate", "--out", file.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
        return file;
    }

    private static String publicHex(Path keyFile) throws Exception {
        return HexFormat.of().formatHex(Pem.readPrivateKey(Files.readString(keyFile)).publicKey().encoded());
    }

    private String write(String name, String text) throws Exception {
        return Files.writeString(home.resolve(name), text).toString();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
