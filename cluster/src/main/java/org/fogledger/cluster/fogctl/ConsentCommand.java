package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fogledger.ledger.crypto.KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fogctl consent}: grant, withdraw, import (FHIR R4) and check consents over your data. */
@Command(name = "consent", mixinStandardHelpOptions = true,
        description = "Consents over the data of your devices, in consent/<your key id> (docs/contracts/consent.md).",
        subcommands = {ConsentCommand.Grant.class, ConsentCommand.Withdraw.class, ConsentCommand.Import.class,
            ConsentCommand.Check.class})
final class ConsentCommand {
    private static final int MAX_CHARS = 256 * 1024;

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = "Grant the consent whose terms (FogLedger's JSON or YAML, as a Consent document's spec) are"
                    + " in FILE.",
            footerHeading = "%nExample:%n", footer = "  fogctl consent grant terms.json --key patient.key")
    static final class Grant implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The terms, or a whole 'kind: Consent' document.")
        Path file;

        @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
                description = "table (default), json or yaml.")
        Output.Format output;

        @Override
        public Integer call() {
            return sendConsent(spec, file, output, false);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Grant the consent a FHIR R4 Consent resource (JSON) describes; anything outside"
                    + " FogLedger's subset is refused with its path, never dropped.",
            footerHeading = "%nExample:%n", footer = "  fogctl consent import consent.fhir.json --key patient.key")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FHIR.json", description = "A FHIR R4 Consent resource.")
        Path file;

        @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
                description = "table (default), json or yaml.")
        Output.Format output;

        @Override
        public Integer call() {
            return sendConsent(spec, file, output, true);
        }
    }

    /** Both grant and import go through the Consent kind's planning, so they are validated here as apply is. */
    private static int sendConsent(CommandSpec spec, Path file, Output.Format output, boolean fhir) {
        KeyPair key = Fogctl.of(spec).key();
        String text = Inputs.text(file, MAX_CHARS);
        ManifestDocument document;
        try {
            List<ManifestDocument> read = ManifestReader.read(wrapped(text), file.toString());
            document = read.get(0);
        } catch (ManifestException e) {
            throw e.toFogctl();
        }
        if (fhir != document.spec().has("resourceType")) {
            throw FogctlException.badInput(file + (fhir ? " is not a FHIR resource (no 'resourceType'); use"
                    + " 'fogctl consent grant' for FogLedger's terms" : " is a FHIR resource; use 'fogctl consent"
                    + " import'"));
        }
        PlannedTransaction plan;
        try {
            plan = ResourceKind.Consent.plan(document, key.publicKey());
        } catch (ManifestException e) {
            throw e.toFogctl();
        }
        Fogctl fogctl = Fogctl.of(spec);
        ApiClient api = fogctl.api();
        Receipts.print(spec.commandLine().getOut(), plan.command() + " " + plan.contract(),
                fogctl.submitter(api, key).submit(plan.contract(), plan.command(), plan.payload(), true), output);
        return ExitCode.OK;
    }

    /** The file as a Consent document: a whole document as it is, bare terms or FHIR under {@code spec}. */
    private static String wrapped(String text) {
        String start = text.stripLeading();
        if (start.startsWith("{")) {
            try {
                JsonNode node = ApiClient.JSON.readTree(text);
                if (node != null && node.has("kind")) {
                    return text;
                }
                return "{\"kind\": \"Consent\", \"spec\": " + text + "}";
            } catch (java.io.IOException e) {
                return text;
            }
        }
        if (text.lines().anyMatch(line -> line.startsWith("kind:"))) {
            return text;
        }
        return "kind: Consent\nspec:\n" + text.indent(2);
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Withdraw consent ID (from the block of this transaction on; never retroactive).",
            footerHeading = "%nExample:%n", footer = "  fogctl consent withdraw 660e83bf...9d37 --key patient.key")
    static final class Withdraw implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The consent id (64 hex digits).")
        String consentId;

        @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
                description = "table (default), json or yaml.")
        Output.Format output;

        @Override
        public Integer call() {
            if (!consentId.matches("[0-9a-f]{64}")) {
                throw new FogctlException(ExitCode.USAGE, "usage", "ID must be a consent id, 64 lowercase hex"
                        + " digits; got '" + consentId + "'");
            }
            KeyPair key = Fogctl.of(spec).key();
            ObjectNode payload = ApiClient.JSON.createObjectNode().put("consentId", consentId);
            return Submission.send(spec, key, "withdraw " + consentId.substring(0, 8), "consent/"
                    + key.publicKey().keyId().hex(), "withdraw", payload, output);
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Ask the consent decision point whether an access is permitted (read-only, nothing"
                    + " signed). REQUEST.json is a decision request (docs/contracts/consent.md).",
                "Exit code 0: permit; 1: deny."},
            footerHeading = "%nExample:%n",
            footer = "  fogctl consent check --owner 5d1c...e0 request.json")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "REQUEST.json", description = "The decision request.")
        Path file;

        @Option(names = "--owner", paramLabel = "KEYID",
                description = "The data owner's key id (default: the key id of --key).")
        String owner;

        @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
                description = "table (default), json or yaml.")
        Output.Format output;

        @Override
        public Integer call() {
            String ownerKeyId = owner != null ? owner : Fogctl.of(spec).key().publicKey().keyId().hex();
            JsonNode request;
            try {
                request = ApiClient.JSON.readTree(Inputs.text(file, MAX_CHARS));
            } catch (java.io.IOException e) {
                throw FogctlException.badInput(file + ": not valid JSON: " + e.getMessage());
            }
            JsonNode decision = Fogctl.of(spec).api().postOrThrow("consents/" + ApiClient.segment(ownerKeyId)
                    + "/decision", request);
            if (output == Output.Format.table) {
                spec.commandLine().getOut().println(decision.path("decision").asText("?") + ": "
                        + decision.path("reason").asText(""));
                spec.commandLine().getOut().flush();
            } else {
                Output.print(spec.commandLine().getOut(), decision, output, null);
            }
            return "permit".equals(decision.path("decision").asText()) ? ExitCode.OK : ExitCode.NO;
        }
    }
}
