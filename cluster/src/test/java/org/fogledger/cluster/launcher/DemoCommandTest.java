package org.fogledger.cluster.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fogledger.ledger.crypto.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo really runs a 4-validator cluster: keys and journals persist, a second run continues the chain. */
class DemoCommandTest {
    private static final Pattern KEY_ID = Pattern.compile("started\\s+v\\d on [^,]+, key id ([0-9a-f]{8})");
    private static final Pattern GREW_FROM = Pattern.compile("the chain grew from height (\\d+)");
    private static final Pattern AT_HEIGHT = Pattern.compile("At height (\\d+) every validator has block");

    @TempDir
    Path dataDir;

    @Test
    void commitsTheClientsTransactionsAndTheValidatorsAgree() throws Exception {
        LauncherRun run = LauncherRun.of("demo", "--api-port", "0", "--data-dir", dataDir.toString(), "--devices", "4");

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("21 transactions committed (21 executed, 0 refused by the contract)"), run.transcript());
        assertTrue(run.out().contains(": they agree."), run.transcript());
        assertTrue(run.out().matches("(?s).*  api       http://127\\.0\\.0\\.1:\\d+/api/v1 .*"), run.transcript());
        assertTrue(run.out().matches("(?s).*site A +block \\S+ at height \\d+: pending \\(quorum-pending\\).*"
                + "site B +block \\S+ at height \\d+: stands \\(quorum-met\\).*"
                + "device +blocked: blocked by arbitration.*"
                + "site A +release \\S+ at height \\d+: lost .*"
                + "region +release \\S+ at height \\d+: won \\(outranks\\).*"
                + "device +admitted: .*"), run.transcript());
        List<String> printedKeyIds = all(KEY_ID, run);
        assertEquals(4, printedKeyIds.size(), run.transcript());
        for (int i = 0; i < 4; i++) {
            Path keyFile = dataDir.resolve("demo").resolve("v" + i).resolve("validator.key");
            String stored = Pem.readPrivateKey(Files.readString(keyFile)).publicKey().keyId().shortHex();
            assertEquals(stored, printedKeyIds.get(i), "v" + i + ": " + run.transcript());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            }
        }
    }

    @Test
    void aSecondRunReusesTheKeysAndContinuesTheChainFromTheJournals() {
        LauncherRun first = LauncherRun.of("demo", "--api-port", "0", "--data-dir", dataDir.toString(), "--devices", "1");
        LauncherRun second = LauncherRun.of("demo", "--api-port", "0", "--data-dir", dataDir.toString(), "--devices", "1");

        assertEquals(0, second.exitCode(), second.transcript());
        assertEquals(all(KEY_ID, first), all(KEY_ID, second), second.transcript());
        long firstEnd = Long.parseLong(all(AT_HEIGHT, first).get(0));
        long secondStart = Long.parseLong(all(GREW_FROM, second).get(0));
        assertTrue(secondStart >= firstEnd && firstEnd > 0,
                "second run starts at " + secondStart + ", first ended at " + firstEnd + "\n" + second.transcript());
        assertTrue(second.out().contains("recovered from the journals"), second.transcript());
    }

    @Test
    void aMalformedKeyFileIsReportedByNameAndNeverOverwritten() throws Exception {
        Path keyFile = dataDir.resolve("demo").resolve("v0").resolve("validator.key");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, "not a key\n");

        LauncherRun run = LauncherRun.of("demo", "--api-port", "0", "--data-dir", dataDir.toString());

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(keyFile.toString()), run.transcript());
        assertEquals("not a key\n", Files.readString(keyFile), "the demo must never overwrite a key file");
    }

    @Test
    void refusesANegativeTransactionCount() {
        LauncherRun run = LauncherRun.of("demo", "--api-port", "0", "--data-dir", dataDir.toString(), "--devices", "-1");

        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("--devices must be between 0 and 100000, got -1"), run.transcript());
    }

    private static List<String> all(Pattern pattern, LauncherRun run) {
        Matcher matcher = pattern.matcher(run.out());
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        assertTrue(!found.isEmpty(), "no match for " + pattern + " in\n" + run.transcript());
        return found;
    }
}
