package org.fogledger.cluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fogledger.cluster.launcher.LauncherRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerBenchCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void aShortRunOfFourValidatorsPrintsTheSummary() {
        LauncherRun run = LauncherRun.of("bench", "ledger", "--validators", "4", "--duration", "3s", "--warmup", "1s", "--rate", "100",
                "--progress", "1s", "--verifications", "500", "--data-dir", dataDir.toString());

        assertEquals(0, run.exitCode(), run.transcript());
        for (String line : new String[] {"FogLedger ledger benchmark", "  validators  4 (f = 1)", "  committed ",
                "  latency     p50 ", "  refused ", "  errors ", "  cpu ", "  ed25519     one verification ",
                "  ratio "}) {
            assertTrue(run.out().contains(line), "missing '" + line + "'\n" + run.transcript());
        }
        Matcher committed = Pattern.compile("committed\\s+([\\d,]+) tx/s \\(([\\d,]+) transactions").matcher(run.out());
        assertTrue(committed.find(), run.transcript());
        assertTrue(Long.parseLong(committed.group(2).replace(",", "")) > 0, "nothing committed\n" + run.transcript());
        assertTrue(run.err().contains("bench: cluster ready"), run.transcript());
        assertTrue(run.err().contains("committed") && run.err().contains("p99"), "no progress line\n" + run.transcript());
    }

    @Test
    void rateAndMaxExcludeEachOther() {
        LauncherRun run = LauncherRun.of("bench", "ledger", "--rate", "100", "--max");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("mutually exclusive"), run.transcript());
    }

    @Test
    void aBadDurationIsAUsageErrorNamingIt() {
        LauncherRun run = LauncherRun.of("bench", "ledger", "--duration", "soon");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("'soon' is not a duration"), run.transcript());
    }

    @Test
    void helpExplainsEveryOptionWithExamples() {
        LauncherRun run = LauncherRun.of("bench", "ledger", "--help");
        assertEquals(0, run.exitCode(), run.transcript());
        for (String option : new String[] {"--validators", "--duration", "--warmup", "--rate", "--max",
                "--max-outstanding", "--keys", "--payload-bytes", "--transactions", "--data-dir", "--processes",
                "--progress", "--answer-timeout", "--verifications"}) {
            assertTrue(run.out().contains(option), option + "\n" + run.transcript());
        }
        assertTrue(run.out().contains("fogledger bench ledger --validators 4 --duration 60s --max"), run.transcript());
    }

    @Test
    void benchWithoutABenchmarkIsAUsageError() {
        LauncherRun run = LauncherRun.of("bench");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("Missing benchmark"), run.transcript());
    }

    @Test
    void durationsReadLikeTheyAreWritten() {
        DurationConverter converter = new DurationConverter();
        assertEquals(java.time.Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(java.time.Duration.ofSeconds(60), converter.convert("60s"));
        assertEquals(java.time.Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(java.time.Duration.ofMinutes(1), converter.convert("PT1M"));
        assertEquals("60s", DurationConverter.format(java.time.Duration.ofSeconds(60)));
        assertEquals("1500ms", DurationConverter.format(java.time.Duration.ofMillis(1500)));
    }
}
