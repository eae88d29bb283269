package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fogctl get KIND [NAME]}: read from the ledger through the node's API. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show devices, policies, agents, decisions, consents, blocks or validators, as a table, JSON or"
                + " YAML.",
        footerHeading = "%nExamples:%n",
        footer = {"  fogctl get validators", "  fogctl get devices dev-42 -o yaml",
            "  fogctl get policies --under /eu", "  fogctl get policies /eu/fr --rank region -o json",
            "  fogctl get agents 01ab...ef", "  fogctl get decisions dev-42", "  fogctl get blocks 12"})
final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND",
            description = "devices, policies, agents, decisions, consents, blocks or validators.",
            completionCandidates = KindCandidates.class)
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "A device id, a policy scope, an agent's key (hex), OWNER-KEY-ID/CONSENT-ID, a block height.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or yaml.")
    Output.Format output;

    @Option(names = "--under", paramLabel = "PATH", description = "policies, agents: only within this scope (default /).")
    String under;

    @Option(names = "--rank", paramLabel = "RANK", description = "policies NAME: the rank whose policy over the scope"
            + " to show (root, region, site, device).")
    String rank;

    @Option(names = "--page", paramLabel = "N", defaultValue = "0", description = "Lists: the page (default 0).")
    int page;

    @Option(names = "--size", paramLabel = "N", defaultValue = "50", description = "Lists: items per page (max 500).")
    int size;

    @Override
    public Integer call() {
        ReadRoutes route = ReadRoutes.parse(kind);
        if (page < 0 || size < 1 || size > 500) {
            throw new FogctlException(ExitCode.USAGE, "usage", "--page must be >= 0 and --size 1 to 500");
        }
        JsonNode answer = Fogctl.of(spec).api().get(route.path(name, under, rank, page, size));
        Output.print(spec.commandLine().getOut(), answer, output, route.columns.isEmpty() ? null : columnsFor(answer,
                route));
        return ExitCode.OK;
    }

    /** The route's columns that the answer has; when it has none of them, the answer's own scalar fields. */
    static java.util.List<String> columnsFor(JsonNode answer, ReadRoutes route) {
        java.util.List<JsonNode> rows = Output.rows(answer);
        java.util.List<String> present = route.columns.stream()
                .filter(c -> rows.stream().anyMatch(r -> Output.at(r, c) != null)).toList();
        return present.isEmpty() ? null : present;
    }

    static final class KindCandidates extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        KindCandidates() {
            for (ReadRoutes route : ReadRoutes.values()) {
                add(route.name());
            }
        }
    }
}
