package org.fogledger.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fogledger.cluster.launcher.LauncherRun;
import org.junit.jupiter.api.Test;

/** Every subcommand of node, fog and certs answers --help with its options and an example. */
class NodeCommandsHelpTest {

    @Test
    void eachCommandHasHelpWithAnExample() {
        String[][] commands = {
            {"node"}, {"fog"}, {"fog", "up"}, {"fog", "status"}, {"fog", "down"}, {"certs"}, {"certs", "generate"}
        };
        for (String[] command : commands) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            LauncherRun run = LauncherRun.of(args);
            String name = String.join(" ", command);

            assertEquals(0, run.exitCode(), name + "\n" + run.transcript());
            assertTrue(run.out().contains("Example"), name + "\n" + run.transcript());
            assertTrue(run.out().contains("fogledger " + name), name + "\n" + run.transcript());
        }
    }

    @Test
    void helpNamesTheOptions() {
        assertTrue(LauncherRun.of("node", "--help").out().contains("--config"));
        assertTrue(LauncherRun.of("node", "--help").out().contains("--check"));
        assertTrue(LauncherRun.of("fog", "up", "--help").out().contains("--data-dir"));
        assertTrue(LauncherRun.of("fog", "down", "--help").out().contains("--grace"));
        assertTrue(LauncherRun.of("certs", "generate", "--help").out().contains("--nodes"));
    }

    @Test
    void fogWithoutACommandIsAUsageError() {
        LauncherRun run = LauncherRun.of("fog");

        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("Missing command: up, status or down"), run.transcript());
    }

    @Test
    void fogUpWithoutItsConfigDirectorySaysWhatItNeeds() {
        LauncherRun run = LauncherRun.of("fog", "status", "--config-dir", "/nonexistent/local-fog");

        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("fog.conf does not exist"), run.transcript());
    }
}
