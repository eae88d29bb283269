package org.fogledger.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.fogledger.cluster.launcher.LauncherRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fog up}, {@code fog status}, {@code fog down} on the repository's config/local-fog: six real node processes
 * (four validators, two agent/gateway nodes on PostgreSQL 127.0.0.1:5432). Two to three minutes on two cores, so
 * it runs only when asked:
 * <pre>
 * mvn -B -pl cluster -am test -Dtest=LocalFogEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false -Dfog.e2e=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "fog.e2e", matches = "true")
class LocalFogEndToEndTest {
    private static final Path CONFIG = Path.of("..", "config", "local-fog");

    @TempDir
    Path data;

    @Test
    void upStartsSixNodesStatusShowsThemReadyDownStopsThem() {
        String[] dirs = {"--config-dir", CONFIG.toString(), "--data-dir", data.toString()};
        try {
            LauncherRun up = LauncherRun.of(concat(new String[] {"fog", "up", "--timeout", "240"}, dirs));
            assertEquals(0, up.exitCode(), up.transcript());
            for (String node : new String[] {"v0", "v1", "v2", "v3"}) {
                assertTrue(up.out().contains("READY " + node + " roles=[validator] 127.0.0.1:"), up.transcript());
            }
            assertTrue(up.out().contains("READY a0 roles=[agent,gateway,api] 127.0.0.1:"), up.transcript());
            assertTrue(up.out().contains("READY a1 roles=[agent,gateway] 127.0.0.1:"), up.transcript());
            String validators = apiValidators();
            assertTrue(validators.contains("\"chainId\""), validators);

            LauncherRun status = LauncherRun.of(concat(new String[] {"fog", "status"}, dirs));
            assertEquals(0, status.exitCode(), status.transcript());
            assertEquals(6, status.out().lines().filter(line -> line.contains(" yes    yes ")).count(),
                    status.transcript());

            LauncherRun again = LauncherRun.of(concat(new String[] {"fog", "up"}, dirs));
            assertEquals(0, again.exitCode(), again.transcript());
            assertTrue(again.out().contains("v0: already running"), again.transcript());
        } finally {
            LauncherRun down = LauncherRun.of(concat(new String[] {"fog", "down", "--grace", "30"}, dirs));
            assertEquals(0, down.exitCode(), down.transcript());
        }
        LauncherRun after = LauncherRun.of(concat(new String[] {"fog", "status"}, dirs));
        assertEquals(3, after.exitCode(), after.transcript());
        assertEquals(6, after.out().lines().filter(line -> line.contains(" no     no ")).count(), after.transcript());
    }

    /** The local fog's HTTP API (node a0, port 8080) lists the validators once they answer it. */
    private static String apiValidators() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String body = "";
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:8080/api/v1/validators")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                body = answer.body();
                if (answer.statusCode() == 200 && body.split("\"committedHeight\"", -1).length == 5) {
                    return body;
                }
            } catch (java.io.IOException e) {
                body = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return body;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return body;
            }
        }
        return body;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
