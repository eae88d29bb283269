package org.fogledger.cluster.fogctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.fogledger.cluster.api.ApiServer;
import org.fogledger.cluster.api.ApiSettings;
import org.fogledger.cluster.api.ApiTls;
import org.fogledger.cluster.tls.DevCertificates;
import org.fogledger.ledger.client.LedgerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over HTTPS with a node certificate from the development CA: fogctl reaches it when told to trust that
 * CA ({@code --cacert ca.crt}), and refuses, naming the fix, when not. No validators are needed for the handshake.
 */
class FogctlOverTlsTest {
    @TempDir
    static Path home;

    private static ActorTestKit kit;
    private static LedgerClient ledger;
    private static ApiServer.Binding api;
    private static Path certs;

    @BeforeAll
    static void start() throws Exception {
        certs = home.resolve("certs");
        new DevCertificates(certs).generate(List.of("a0"), List.of(), Duration.ofDays(1));
        ApiTls tls = new ApiTls(certs.resolve("a0.p12"), Files.readString(certs.resolve(DevCertificates.PASSWORD_FILE))
                .trim());
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                """));
        ledger = LedgerClient.create(kit.system());
        api = ApiServer.start(kit.system(), ledger, ApiSettings.defaults("tls-test").withAddress("127.0.0.1", 0)
                .withTls(tls)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.stop(Duration.ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (ledger != null) {
            ledger.close();
        }
        if (kit != null) {
            kit.shutdownTestKit();
        }
    }

    private static FogctlRun fogctl(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("get", "validators", "--server",
                "https://127.0.0.1:" + api.port(), "--timeout", "10"));
        args.addAll(List.of(extra));
        return FogctlRun.of(home, args.toArray(String[]::new));
    }

    @Test
    void withTheDevelopmentCaTrustedFogctlTalksToTheApiOverHttps() throws Exception {
        Path ca = certs.resolve(DevCertificates.CA_CERTIFICATE);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(TrustedCa.context(ca)).build();
        java.net.http.HttpResponse<String> alive = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "https://localhost:" + api.port() + "/alive")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, alive.statusCode(), alive.body());

        FogctlRun run = fogctl("--cacert", ca.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
    }

    @Test
    void withoutTrustingTheCaTheHandshakeFailsAndFogctlNamesTheFix() {
        FogctlRun run = fogctl();

        assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("TLS with https://127.0.0.1:" + api.port() + " failed"), run.transcript());
        assertTrue(run.err().contains("--cacert"), run.transcript());
    }

    @Test
    void aFileThatIsNotACertificateIsABadInputNamingIt() throws Exception {
        Path bogus = Files.writeString(home.resolve("bogus.crt"), "not a certificate");

        FogctlRun run = fogctl("--cacert", bogus.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("--cacert " + bogus), run.transcript());
    }

    @Test
    void aKeyStoreWithTheWrongPasswordIsRefusedNamingTheFile() {
        ApiTls wrong = new ApiTls(certs.resolve("a0.p12"), "wrong-password");

        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, wrong::serverContext);

        assertTrue(refused.getMessage().contains("fogledger.api.tls.key-store " + certs.resolve("a0.p12")),
                refused.getMessage());
    }
}
