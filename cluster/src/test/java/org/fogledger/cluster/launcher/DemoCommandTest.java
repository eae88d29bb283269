package org.fogledger.cluster.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.crypto.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    private static final Pattern KEY_ID = Pattern.compile("key id ([0-9a-f]{8})");
    private static final Pattern GENESIS = Pattern.compile("genesis\\s+([0-9a-f]{64})");

    @TempDir
    Path dataDir;

    @Test
    void firstRunCreatesTheKeyAndPrintsItsKeyId() throws Exception {
        LauncherRun run = LauncherRun.of("demo", "--data-dir", dataDir.toString());

        assertEquals(0, run.exitCode(), run.transcript());
        Path keyFile = dataDir.resolve("demo").resolve("validator.key");
        assertTrue(Files.isRegularFile(keyFile), "no key file at " + keyFile);
        String storedKeyId = Pem.readPrivateKey(Files.readString(keyFile)).publicKey().keyId().shortHex();
        assertEquals(storedKeyId, printed(KEY_ID, run), run.transcript());
        assertTrue(run.out().contains("created " + keyFile), run.transcript());
    }

    @Test
    void secondRunReusesTheStoredKey() {
        LauncherRun first = LauncherRun.of("demo", "--data-dir", dataDir.toString());
        LauncherRun second = LauncherRun.of("demo", "--data-dir", dataDir.toString());

        assertEquals(0, second.exitCode(), second.transcript());
        assertEquals(printed(KEY_ID, first), printed(KEY_ID, second), second.transcript());
        assertTrue(second.out().contains("loaded from"), second.transcript());
    }

    @Test
    void printsTheDemoChainAndItsGenesisHash() {
        LauncherRun run = LauncherRun.of("demo", "--data-dir", dataDir.toString());

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("chain     " + DemoCommand.CHAIN_ID), run.transcript());
        assertEquals(Block.genesis(DemoCommand.CHAIN_ID).hash().hex(), printed(GENESIS, run), run.transcript());
        assertTrue(run.out().contains("Consensus across 4 validators"), run.transcript());
    }

    @Test
    void keyFileIsReadableByItsOwnerOnly() throws Exception {
        LauncherRun.of("demo", "--data-dir", dataDir.toString());

        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Path keyFile = dataDir.resolve("demo").resolve("validator.key");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        }
    }

    @Test
    void aMalformedKeyFileIsReportedByName() throws Exception {
        Path keyFile = dataDir.resolve("demo").resolve("validator.key");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, "not a key\n");

        LauncherRun run = LauncherRun.of("demo", "--data-dir", dataDir.toString());

        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(keyFile.toString()), run.transcript());
        assertEquals("not a key\n", Files.readString(keyFile), "the demo must never overwrite a key file");
    }

    private static String printed(Pattern pattern, LauncherRun run) {
        Matcher matcher = pattern.matcher(run.out());
        assertTrue(matcher.find(), "no match for " + pattern + " in\n" + run.transcript());
        return matcher.group(1);
    }
}
