package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.contract.trace.AuditProofVerifier;
import org.fogledger.ledger.contract.trace.AuditVerdict;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.Genesis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fogctl audit}: fetch a trace record's audit proof, and verify one offline. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Audit proofs of trace records (docs/contracts/trace.md).",
        subcommands = {AuditCommand.Proof.class, AuditCommand.Verify.class})
final class AuditCommand {
    /** Proofs are a few tens of kilobytes; the bound leaves room for long results chains. */
    static final int MAX_PROOF_CHARS = 8 * 1024 * 1024;

    @Command(name = "proof", mixinStandardHelpOptions = true,
            description = "Fetch the audit proof of record SEQ of trace stream STREAM (JSON, verifiable offline).",
            footerHeading = "%nExample:%n", footer = "  fogctl audit proof gw-7 2 --out proof.json")
    static final class Proof implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STREAM", description = "The trace stream (a gateway's stream id).")
        String stream;

        @Parameters(index = "1", paramLabel = "SEQ", description = "The record's sequence number.")
        long sequence;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the proof here (default: stdout).")
        Path out;

        @Override
        public Integer call() {
            if (sequence < 0) {
                throw new FogctlException(ExitCode.USAGE, "usage", "SEQ must be >= 0, got " + sequence);
            }
            JsonNode proof = Fogctl.of(spec).api().get("audit/proofs/" + ApiClient.segment(stream) + "/" + sequence);
            String text = Output.json(proof) + "\n";
            if (out == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
                return ExitCode.OK;
            }
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw FogctlException.badInput("cannot write " + out + ": " + e.getMessage());
            }
            spec.commandLine().getOut().println("wrote the proof of " + stream + "#" + sequence + " to " + out
                    + "; check it with: fogctl audit verify " + out + " --genesis GENESIS.conf");
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify an audit proof OFFLINE, trusting only the genesis (chain id and validator set):"
                    + " no node is asked.",
                "Exit code 0: valid; 1: invalid (the failing step is named); 4: the proof or genesis file cannot be"
                        + " read."},
            footerHeading = "%nExamples:%n",
            footer = {"  fogctl audit verify proof.json --genesis config/genesis.conf",
                "  fogctl audit verify proof.json --chain-id fogledger-local --validator 01ab... --validator 01cd..."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PROOF.json", description = "The proof, as 'fogctl audit proof' wrote it.")
        Path file;

        @Option(names = "--genesis", paramLabel = "FILE",
                description = "The chain's genesis file (fogledger.genesis: chain-id and validators).")
        Path genesis;

        @Option(names = "--validator", paramLabel = "KEY",
                description = "Without --genesis: a validator's public key (tagged hex), in genesis order."
                        + " Repeatable; with --chain-id.")
        List<String> validators = new ArrayList<>();

        @Override
        public Integer call() {
            AuditProofVerifier verifier = verifier();
            String json = Inputs.text(file, MAX_PROOF_CHARS);
            AuditVerdict verdict = verifier.verifyJson(json.getBytes(StandardCharsets.UTF_8));
            PrintWriter out = spec.commandLine().getOut();
            out.println(verdict.describe());
            out.flush();
            return verdict.valid() ? ExitCode.OK : ExitCode.NO;
        }

        private AuditProofVerifier verifier() {
            Fogctl fogctl = Fogctl.of(spec);
            if (genesis != null) {
                if (!validators.isEmpty()) {
                    throw new FogctlException(ExitCode.USAGE, "usage", "give either --genesis or --validator keys,"
                            + " not both");
                }
                if (!Files.isRegularFile(genesis)) {
                    throw FogctlException.badInput("genesis file " + genesis + " does not exist");
                }
                Genesis read;
                try {
                    read = Genesis.fromConfig(ConfigFactory.parseFile(genesis.toFile()).resolve());
                } catch (ConfigException | IllegalArgumentException e) {
                    throw FogctlException.badInput(genesis + ": " + e.getMessage());
                }
                String chainId = fogctl.chainId != null ? fogctl.chainId : read.chainId();
                if (!chainId.equals(read.chainId())) {
                    throw new FogctlException(ExitCode.USAGE, "usage", "--chain-id " + chainId + " differs from the"
                            + " genesis file's '" + read.chainId() + "'");
                }
                return new AuditProofVerifier(read.chainId(), read.validatorSet());
            }
            if (validators.isEmpty() || fogctl.chainId == null) {
                throw new FogctlException(ExitCode.USAGE, "usage", "audit verify trusts only the genesis: give"
                        + " --genesis FILE, or --chain-id ID and every --validator KEY");
            }
            List<PublicKey> keys = new ArrayList<>();
            for (String hex : validators) {
                try {
                    keys.add(PublicKey.fromEncoded(HexFormat.of().parseHex(hex)));
                } catch (IllegalArgumentException e) {
                    throw new FogctlException(ExitCode.USAGE, "usage", "--validator " + hex + ": not a tagged public"
                            + " key in hex (" + e.getMessage() + ")");
                }
            }
            try {
                return new AuditProofVerifier(fogctl.chainId, new ValidatorSet(keys));
            } catch (IllegalArgumentException e) {
                throw new FogctlException(ExitCode.USAGE, "usage", "--validator: " + e.getMessage());
            }
        }
    }
}
