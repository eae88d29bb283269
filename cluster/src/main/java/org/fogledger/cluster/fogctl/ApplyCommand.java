package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.fogledger.ledger.crypto.KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fogctl apply -f FILE|DIR|-}: turn documents into signed transactions and submit them in order. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply Policy, Device, Delegation, Consent and Offer documents (YAML or JSON, 'kind' and"
                + " 'spec'): each becomes one transaction, signed here with --key and submitted in file order.",
            "Every document is validated before anything is sent; the first invalid one stops the run."},
        footerHeading = "%nExamples:%n",
        footer = {"  fogctl apply -f config/examples/policy.yaml --key region.key",
            "  fogctl apply -f config/examples/ --dry-run=client",
            "  fogctl apply -f config/examples/policy.yaml --key region.key --dry-run=server",
            "  cat device.json | fogctl apply -f - --key maker.key"})
final class ApplyCommand implements Callable<Integer> {
    enum DryRun { none, client, server }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "A file, a directory (its .yaml, .yml, .json in name order) or - for standard input."
                    + " Repeatable.")
    List<String> files;

    @Option(names = "--dry-run", paramLabel = "MODE", defaultValue = "none",
            description = "client: validate here and print the transactions, send nothing. server: sign them and"
                    + " have the node run every check and every execution each would cause against the ledger's"
                    + " current state, keeping nothing (each document on its own: a later one does not see an"
                    + " earlier one's effect). none (default).")
    DryRun dryRun;

    @Option(names = "--no-wait", negatable = false,
            description = "Return once the node accepted each transaction, without waiting for its commit.")
    boolean noWait;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (one line per transaction, default), json or yaml.")
    Output.Format output;

    @Override
    public Integer call() {
        Fogctl fogctl = Fogctl.of(spec);
        KeyPair key = fogctl.key();
        List<PlannedTransaction> plans = Manifests.plan(files, spec.commandLine(), key);
        var out = spec.commandLine().getOut();
        if (dryRun == DryRun.client) {
            String sender = HexFormat.of().formatHex(key.publicKey().encoded());
            ArrayNode described = ApiClient.JSON.createArrayNode();
            plans.forEach(plan -> described.add(plan.describe(sender)));
            Output.print(out, described, output == Output.Format.table ? Output.Format.yaml : output, null);
            return ExitCode.OK;
        }
        ApiClient api = fogctl.api();
        Submitter submitter = fogctl.submitter(api, key);
        List<String> done = new ArrayList<>();
        for (PlannedTransaction plan : plans) {
            String what = plan.kind() + " " + plan.name();
            try {
                if (dryRun == DryRun.server) {
                    ApiClient.Answer answer = submitter.dryRun(plan.contract(), plan.command(), plan.payload());
                    JsonNode refused = answer.body() == null ? null : answer.body().get("dryRun");
                    // A refused dry run still shows every execution, the one that would be refused among them.
                    Receipts.print(out, what, refused != null ? refused : api.orThrow(answer), output);
                    api.orThrow(answer);
                } else {
                    Receipts.print(out, what, submitter.submit(plan.contract(), plan.command(), plan.payload(),
                            !noWait), output);
                }
            } catch (FogctlException e) {
                throw new FogctlException(e.exitCode(), e.code(), what + ": " + e.getMessage()
                        + (done.isEmpty() ? "" : (dryRun == DryRun.server ? " (would apply before it: "
                        : " (applied before it: ") + String.join(", ", done) + ")"));
            }
            done.add(what);
        }
        return ExitCode.OK;
    }
}
