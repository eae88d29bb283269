package org.fogledger.cluster.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class LauncherHelpTest {

    @Test
    void topLevelHelpListsEveryCommandAndAnExample() {
        LauncherRun run = LauncherRun.of("--help");

        assertEquals(0, run.exitCode(), run.transcript());
        for (String command : Launcher.commandLine().getSubcommands().keySet()) {
            assertTrue(run.out().contains("  " + command + " "), "top-level help does not list " + command
                    + "\n" + run.transcript());
        }
        assertTrue(run.out().contains("Examples:"), run.transcript());
    }

    @Test
    void everyCommandsHelpExitsZeroAndMentionsEachOfItsOptions() {
        Map<String, CommandLine> commands = Launcher.commandLine().getSubcommands();
        for (Map.Entry<String, CommandLine> command : commands.entrySet()) {
            LauncherRun run = LauncherRun.of(command.getKey(), "--help");

            assertEquals(0, run.exitCode(), command.getKey() + "\n" + run.transcript());
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                // A negatable option shows as --[no-]name.
                String shown = option.negatable() ? option.longestName().replaceFirst("^--", "--[no-]")
                        : option.longestName();
                assertTrue(run.out().contains(shown),
                        command.getKey() + " --help does not mention " + shown + "\n" + run.transcript());
            }
        }
    }

    @Test
    void ownCommandsShowAnExample() {
        for (String command : new String[] {"demo", "version"}) {
            LauncherRun run = LauncherRun.of(command, "--help");

            assertTrue(run.out().contains("Example"), command + "\n" + run.transcript());
            assertTrue(run.out().contains("fogledger " + command), command + "\n" + run.transcript());
        }
    }

    @Test
    void noCommandIsAUsageErrorThatShowsTheCommands() {
        LauncherRun run = LauncherRun.of();

        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("Missing command"), run.transcript());
        assertTrue(run.err().contains("demo"), run.transcript());
    }

    @Test
    void versionNamesFogLedgerPekkoAndJava() {
        LauncherRun run = LauncherRun.of("version");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("FogLedger  0."), run.transcript());
        assertTrue(run.out().contains("Pekko      1."), run.transcript());
        assertTrue(run.out().contains("Java       " + System.getProperty("java.version")), run.transcript());
    }
}
