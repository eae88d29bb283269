package org.fogledger.cluster.fogctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.fogledger.ledger.contract.trace.AuditProofFixture;
import org.fogledger.ledger.crypto.PublicKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fogctl audit verify} checks a real proof offline (no server is given or reachable) against the genesis. */
class AuditVerifyTest {
    @TempDir
    Path home;

    private Path proof;
    private Path genesis;
    private String proofText;

    @BeforeEach
    void writeProofAndGenesis() throws Exception {
        proofText = new String(AuditProofFixture.proofJson(), StandardCharsets.UTF_8);
        proof = Files.writeString(home.resolve("proof.json"), proofText);
        StringBuilder conf = new StringBuilder("fogledger.genesis {\n  chain-id = \"" + AuditProofFixture.chainId()
                + "\"\n  validators = [\n");
        int port = 25521;
        for (PublicKey key : AuditProofFixture.validators()) {
            conf.append("    { name = \"v").append(port - 25520).append("\", public-key = \"")
                    .append(HexFormat.of().formatHex(key.encoded())).append("\", host = \"127.0.0.1\", port = ")
                    .append(port++).append(" }\n");
        }
        genesis = Files.writeString(home.resolve("genesis.conf"), conf.append("  ]\n}\n").toString());
    }

    @Test
    void aGoodProofVerifiesOfflineAgainstTheGenesisFile() {
        FogctlRun run = FogctlRun.of(home, "audit", "verify", proof.toString(), "--genesis", genesis.toString(),
                "--server", "http://127.0.0.1:1");

        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("valid: "), run.transcript());
        assertTrue(run.out().contains("record 2 of stream 'gw-7'"), run.transcript());
    }

    @Test
    void theValidatorKeysCanBeGivenInsteadOfAGenesisFile() {
        List<String> args = new ArrayList<>(List.of("audit", "verify", proof.toString(), "--chain-id",
                AuditProofFixture.chainId()));
        for (PublicKey key : AuditProofFixture.validators()) {
            args.add("--validator");
            args.add(HexFormat.of().formatHex(key.encoded()));
        }

        FogctlRun run = FogctlRun.of(home, args.toArray(String[]::new));

        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
    }

    @Test
    void aProofWithOneFlippedByteIsInvalidAndTheFailingStepIsNamed() throws Exception {
        // Flip one hex digit of the batch root: the anchored transaction names another root.
        int at = proofText.indexOf("\"batchRoot\":\"") + "\"batchRoot\":\"".length();
        char digit = proofText.charAt(at);
        String flipped = proofText.substring(0, at) + (digit == '0' ? '1' : '0') + proofText.substring(at + 1);
        Files.writeString(proof, flipped);

        FogctlRun run = FogctlRun.of(home, "audit", "verify", proof.toString(), "--genesis", genesis.toString());

        assertEquals(ExitCode.NO, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("invalid at step '"), run.transcript());
        assertTrue(run.out().contains("anchored root") || run.out().contains("record in batch"), run.transcript());
    }

    @Test
    void aFlippedSignatureByteFailsAtTheCommitCertificates() throws Exception {
        int signatures = proofText.indexOf("\"signatures\"");
        int at = proofText.indexOf("\"signature\":\"", signatures) + "\"signature\":\"".length() + 10;
        char digit = proofText.charAt(at);
        Files.writeString(proof, proofText.substring(0, at) + (digit == 'a' ? 'b' : 'a') + proofText.substring(at + 1));

        FogctlRun run = FogctlRun.of(home, "audit", "verify", proof.toString(), "--genesis", genesis.toString());

        assertEquals(ExitCode.NO, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("invalid at step 'commit certificates'"), run.transcript());
    }

    @Test
    void anotherChainsGenesisDoesNotVouchForTheProof() throws Exception {
        Files.writeString(genesis, Files.readString(genesis).replace(AuditProofFixture.chainId(), "another-chain"));

        FogctlRun run = FogctlRun.of(home, "audit", "verify", proof.toString(), "--genesis", genesis.toString());

        assertEquals(ExitCode.NO, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("invalid at step '"), run.transcript());
    }

    @Test
    void withoutTrustRootsVerifyRefusesToGuess() {
        FogctlRun run = FogctlRun.of(home, "audit", "verify", proof.toString());

        assertEquals(ExitCode.USAGE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("trusts only the genesis"), run.transcript());
    }

    @Test
    void aFileThatIsNotAProofFailsAtTheProofFormat() throws Exception {
        Files.writeString(proof, "{\"format\": \"something else\"}");

        FogctlRun run = FogctlRun.of(home, "audit", "verify", proof.toString(), "--genesis", genesis.toString());

        assertEquals(ExitCode.NO, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("invalid at step 'proof format'"), run.transcript());
    }
}
