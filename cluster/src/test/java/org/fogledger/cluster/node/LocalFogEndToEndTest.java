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
            for (String node : new String[] {"a0", "a1"}) {
                assertTrue(up.out().contains("READY " + node + " roles=[agent,gateway] 127.0.0.1:"), up.transcript());
            }

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

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
