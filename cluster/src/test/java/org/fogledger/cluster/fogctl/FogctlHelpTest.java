package org.fogledger.cluster.fogctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FogctlHelpTest {
    @TempDir
    Path home;

    /** Every command and subcommand, as the words typed to reach it. */
    private static List<List<String>> commands(CommandLine commandLine, List<String> prefix) {
        List<List<String>> all = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : commandLine.getSubcommands().entrySet()) {
            List<String> words = new ArrayList<>(prefix);
            words.add(sub.getKey());
            all.add(words);
            all.addAll(commands(sub.getValue(), words));
        }
        return all;
    }

    @Test
    void everyCommandHasHelpThatExitsZero() {
        for (List<String> words : commands(Fogctl.commandLine(new Fogctl(Map.of())), List.of())) {
            if (words.get(words.size() - 1).equals("help")) {
                continue;
            }
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            FogctlRun run = FogctlRun.of(home, args.toArray(String[]::new));

            assertEquals(ExitCode.OK, run.exitCode(), words + "\n" + run.transcript());
            assertTrue(run.out().contains("Usage: fogctl " + String.join(" ", words)), words + "\n" + run.transcript());
        }
    }

    @Test
    void topLevelHelpListsTheCommandsAndTheExitCodes() {
        FogctlRun run = FogctlRun.of(home, "--help");

        for (String command : List.of("apply", "diff", "get", "describe", "device", "decide", "consent", "audit",
                "keys", "completion")) {
            assertTrue(run.out().contains("  " + command + " "), command + "\n" + run.transcript());
        }
        assertTrue(run.out().contains("Exit codes:"), run.transcript());
    }

    @Test
    void noCommandIsAUsageError() {
        FogctlRun run = FogctlRun.of(home);

        assertEquals(ExitCode.USAGE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("Missing command"), run.transcript());
    }

    @Test
    void completionPrintsABashScriptForBothShells() {
        for (String shell : List.of("bash", "zsh")) {
            FogctlRun run = FogctlRun.of(home, "completion", shell);

            assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
            assertTrue(run.out().contains("complete -F"), run.transcript());
            assertTrue(run.out().contains("apply"), run.transcript());
        }
        assertEquals(ExitCode.USAGE, FogctlRun.of(home, "completion", "fish").exitCode());
    }

    @Test
    void anUnreachableServerIsOneLineAndExitCodeThree() {
        FogctlRun run = FogctlRun.of(home, "get", "validators", "--server", "http://127.0.0.1:1");

        assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("fogctl: unreachable: cannot connect to http://127.0.0.1:1"), run.transcript());
        assertEquals(1, run.err().lines().count(), run.transcript());
    }

    @Test
    void theServerComesFromTheConfigFileWhenNotGiven() throws Exception {
        java.nio.file.Files.writeString(home.resolve("config"), "server=http://127.0.0.1:2\n");

        FogctlRun run = FogctlRun.of(home, "get", "validators");

        assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("http://127.0.0.1:2"), run.transcript());
    }

    @Test
    void aBadServerUrlAndAnUnknownKindAreUsageErrors() {
        assertEquals(ExitCode.USAGE, FogctlRun.of(home, "get", "validators", "--server", "ftp://x").exitCode());
        FogctlRun run = FogctlRun.of(home, "get", "gadgets", "--server", "http://127.0.0.1:1");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("unknown KIND 'gadgets'"), run.transcript());
        assertFalse(run.err().contains("\tat "), run.transcript());
    }
}
