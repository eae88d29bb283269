package org.fogledger.cluster.fogctl;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.SignatureScheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fogctl keys}: make and inspect the operator's signing keys, on the operator's machine only. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Generate and inspect signing keys. Keys stay on this machine; fogctl signs locally.",
        subcommands = {KeysCommand.Generate.class, KeysCommand.Show.class},
        footerHeading = "%nExamples:%n",
        footer = {"  fogctl keys generate --out ~/.fogctl/operator.key", "  fogctl keys show ~/.fogctl/operator.key"})
final class KeysCommand {

    /** The key schemes, as the command line spells them. */
    enum Scheme {
        ed25519(SignatureScheme.ED25519), ml_dsa(SignatureScheme.ML_DSA_65);

        final SignatureScheme scheme;

        Scheme(SignatureScheme scheme) {
            this.scheme = scheme;
        }

        static Scheme parse(String text) {
            return switch (text) {
                case "ed25519" -> ed25519;
                case "ml-dsa", "ml-dsa-65" -> ml_dsa;
                default -> throw new IllegalArgumentException("unknown scheme '" + text + "' (ed25519 or ml-dsa)");
            };
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Create a new key pair in a new file (PKCS#8 PEM, mode 600). Refuses to overwrite.",
            footerHeading = "%nExample:%n", footer = "  fogctl keys generate --out region-eu.key --scheme ed25519")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The new key file.")
        Path out;

        @Option(names = "--scheme", paramLabel = "SCHEME", defaultValue = "ed25519", converter = SchemeConverter.class,
                completionCandidates = SchemeCandidates.class,
                description = "ed25519 (default) or ml-dsa (ML-DSA-65, post-quantum).")
        Scheme scheme;

        @Override
        public Integer call() {
            KeyPair key = KeyPair.generate(scheme.scheme, new SecureRandom());
            KeyFiles.create(out, key);
            describe(spec.commandLine().getOut(), out, key.publicKey());
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a key file's scheme, public key (tagged hex, as the ledger writes it) and key id.",
            footerHeading = "%nExample:%n", footer = "  fogctl keys show operator.key")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The key file.")
        Path file;

        @Override
        public Integer call() {
            describe(spec.commandLine().getOut(), file, KeyFiles.read(file).publicKey());
            return ExitCode.OK;
        }
    }

    static void describe(java.io.PrintWriter out, Path file, PublicKey key) {
        out.println("file:       " + file);
        out.println("scheme:     " + key.scheme());
        out.println("public-key: " + HexFormat.of().formatHex(key.encoded()));
        out.println("key-id:     " + key.keyId().hex());
        out.flush();
    }

    static final class SchemeConverter implements picocli.CommandLine.ITypeConverter<Scheme> {
        @Override
        public Scheme convert(String value) {
            return Scheme.parse(value);
        }
    }

    static final class SchemeCandidates extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        SchemeCandidates() {
            super(java.util.List.of("ed25519", "ml-dsa"));
        }
    }
}
