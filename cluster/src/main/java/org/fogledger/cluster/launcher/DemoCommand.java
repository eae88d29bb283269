package org.fogledger.cluster.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fogledger demo}: one real validator, started in this JVM, reporting its status. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.VersionProvider.class,
        headerHeading = "",
        header = "Start one validator in this JVM and print its status.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Starts one FogLedger validator in this JVM, prints its status, and stops (unless --stay).",
            "",
            "The validator's Ed25519 key is kept in DIR/demo/validator.key (PEM, PKCS#8): created on the first "
                    + "run, reused afterwards, so its key id stays the same. Its chain is '" + DemoCommand.CHAIN_ID
                    + "', which starts from that chain's genesis block. The validator runs in a Pekko ActorSystem "
                    + "whose guardian actor holds its identity; the status printed is that actor's answer.",
            "",
            "This is a single validator: nothing is ordered or committed yet. Consensus across four "
                    + "validators (tolerating one faulty) lands with the next issues."
        },
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogledger demo                          start, print the status, stop",
            "  fogledger demo --stay                   keep it running until Ctrl-C",
            "  fogledger demo --data-dir /tmp/fl-data  use the key in /tmp/fl-data/demo"
        })
final class DemoCommand implements Callable<Integer> {
    static final String CHAIN_ID = "fogledger-demo";
    static final String NODE_NAME = "validator-1";
    static final String KEY_FILE = "validator.key";

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    // Created before the ActorSystem so that SLF4J is initialised on this thread, not raced by Pekko's threads
    // (which makes SLF4J print a "replayed logging calls" warning).
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where nodes keep their data; the demo uses DIR/demo. A relative path is resolved "
                    + "against the current directory. Default: ${DEFAULT-VALUE}")
    private Path dataDir;

    @Option(names = "--stay",
            description = "Keep the validator running after printing its status, until Ctrl-C.")
    private boolean stay;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path demoDir = dataDir.toAbsolutePath().normalize().resolve("demo");
        Path keyFile = demoDir.resolve(KEY_FILE);

        ValidatorKeyFile.Loaded key;
        try {
            key = ValidatorKeyFile.loadOrCreate(keyFile, KeyPair::generate);
        } catch (IOException e) {
            err.println("fogledger demo: cannot use the validator key " + keyFile + ": " + e.getMessage());
            err.flush();
            return 1;
        }

        LOG.debug("validator key {} {}", key.created() ? "created at" : "loaded from", keyFile);
        ValidatorStatusActor.Identity identity = new ValidatorStatusActor.Identity(NODE_NAME,
                key.keyPair().publicKey(), CHAIN_ID, Block.genesis(CHAIN_ID), demoDir);

        ActorSystem<ValidatorStatusActor.Command> system =
                ActorSystem.create(ValidatorStatusActor.create(identity), CHAIN_ID);
        try {
            CompletionStage<ValidatorStatusActor.Status> reply = AskPattern.ask(system,
                    ValidatorStatusActor.GetStatus::new, ASK_TIMEOUT, system.scheduler());
            ValidatorStatusActor.Status status = reply.toCompletableFuture().get();
            print(out, status, key.created() ? "created " + keyFile : "loaded from " + keyFile);
            if (stay) {
                out.println("Running; press Ctrl-C to stop.");
                out.flush();
                CoordinatedShutdown.get(system).addJvmShutdownHook(() -> {
                    out.println("Stopping " + NODE_NAME + ".");
                    out.flush();
                });
                system.getWhenTerminated().toCompletableFuture().get();
            } else {
                out.println("Stopping " + NODE_NAME + " (use --stay to keep it running).");
                out.flush();
            }
            return 0;
        } catch (ExecutionException e) {
            err.println("fogledger demo: the validator did not answer: " + e.getCause());
            err.flush();
            return 1;
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                err.println("fogledger demo: the ActorSystem did not stop within 10 s: " + e);
                err.flush();
            }
        }
    }

    private static void print(PrintWriter out, ValidatorStatusActor.Status status, String keyOrigin) {
        out.println("FogLedger demo: one validator");
        row(out, "node", status.nodeName() + " (ActorSystem " + status.actorSystem() + ", local, no peers)");
        row(out, "key", schemeName(status.publicKey().scheme()) + ", key id "
                + status.publicKey().keyId().shortHex() + " (" + keyOrigin + ")");
        row(out, "chain", status.chainId());
        row(out, "genesis", status.genesisHash().hex());
        String head = status.headHash().equals(status.genesisHash()) ? " (genesis)" : " " + status.headHash().shortHex();
        row(out, "head", "height " + status.headHeight() + head + "; validators: " + status.validators());
        row(out, "pekko", status.pekkoVersion());
        row(out, "jvm", BuildInfo.jvm());
        row(out, "data dir", status.dataDir().toString());
        out.println();
        out.println("This validator runs alone and orders nothing yet.");
        out.println("Consensus across 4 validators (n = 3f+1, tolerating f = 1 faulty) lands with the next issues.");
        out.flush();
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-9s %s%n", label, value);
    }

    private static String schemeName(SignatureScheme scheme) {
        return switch (scheme) {
            case ED25519 -> "Ed25519";
            case ML_DSA_65 -> "ML-DSA-65";
        };
    }
}
