package org.fogledger.cluster.fogctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path home;

    @Test
    void generateWritesAnOwnerOnlyPemKeyThatShowReadsBack() throws Exception {
        Path file = home.resolve("keys/operator.key");

        FogctlRun generated = FogctlRun.of(home, "keys", "generate", "--out", file.toString());

        assertEquals(ExitCode.OK, generated.exitCode(), generated.transcript());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        KeyPair key = Pem.readPrivateKey(Files.readString(file));
        String publicHex = HexFormat.of().formatHex(key.publicKey().encoded());
        assertTrue(generated.out().contains("public-key: " + publicHex), generated.transcript());

        FogctlRun shown = FogctlRun.of(home, "keys", "show", file.toString());
        assertEquals(ExitCode.OK, shown.exitCode(), shown.transcript());
        assertTrue(shown.out().contains("scheme:     ED25519"), shown.transcript());
        assertTrue(shown.out().contains("public-key: " + publicHex), shown.transcript());
        assertTrue(shown.out().contains("key-id:     " + key.publicKey().keyId().hex()), shown.transcript());
    }

    @Test
    void generateNeverOverwritesAKeyFile() throws Exception {
        Path file = home.resolve("operator.key");
        assertEquals(ExitCode.OK, FogctlRun.of(home, "keys", "generate", "--out", file.toString()).exitCode());
        String before = Files.readString(file);

        FogctlRun again = FogctlRun.of(home, "keys", "generate", "--out", file.toString());

        assertEquals(ExitCode.BAD_INPUT, again.exitCode(), again.transcript());
        assertTrue(again.err().startsWith("fogctl: invalid-input: " + file + " already exists"), again.transcript());
        assertEquals(before, Files.readString(file));
    }

    @Test
    void mlDsaKeysAreGeneratedToo() {
        Path file = home.resolve("pq.key");

        FogctlRun run = FogctlRun.of(home, "keys", "generate", "--out", file.toString(), "--scheme", "ml-dsa");

        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("scheme:     ML_DSA_65"), run.transcript());
        assertTrue(run.out().contains("public-key: 02"), run.transcript());
    }

    @Test
    void anUnknownSchemeIsAUsageError() {
        FogctlRun run = FogctlRun.of(home, "keys", "generate", "--out", home.resolve("k").toString(), "--scheme",
                "rsa");

        assertEquals(ExitCode.USAGE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("unknown scheme 'rsa'"), run.transcript());
        assertFalse(Files.exists(home.resolve("k")));
    }

    @Test
    void showingSomethingThatIsNotAKeySaysSoWithoutAStackTrace() throws Exception {
        Path file = home.resolve("notes.txt");
        Files.writeString(file, "hello\n");

        FogctlRun run = FogctlRun.of(home, "keys", "show", file.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("fogctl: invalid-input: " + file + " is not a usable private key"),
                run.transcript());
        assertFalse(run.err().contains("\tat "), run.transcript());
        FogctlRun missing = FogctlRun.of(home, "keys", "show", home.resolve("nope.key").toString());
        assertEquals(ExitCode.BAD_INPUT, missing.exitCode(), missing.transcript());
        assertTrue(missing.err().contains("does not exist"), missing.transcript());
    }
}
