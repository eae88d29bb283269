package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fogctl describe KIND NAME}: one resource, every field, for people. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show one device, policy, agent, consent or block in full, one field a line.",
        footerHeading = "%nExamples:%n",
        footer = {"  fogctl describe device dev-42", "  fogctl describe agent 01ab...ef",
            "  fogctl describe policy /eu/fr --rank region"})
final class DescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", completionCandidates = GetCommand.KindCandidates.class,
            description = "device, policy, agent, decisions, consent, block or validators.")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Which one (as for get).")
    String name;

    @picocli.CommandLine.Option(names = "--rank", paramLabel = "RANK",
            description = "policy: the rank whose policy over the scope to show.")
    String rank;

    @Override
    public Integer call() {
        ReadRoutes route = ReadRoutes.parse(kind);
        if (name == null && route != ReadRoutes.validators) {
            throw new FogctlException(ExitCode.USAGE, "usage", "describe needs KIND and NAME, e.g. 'fogctl describe"
                    + " device dev-42'");
        }
        JsonNode answer = Fogctl.of(spec).api().get(route.path(name, null, rank, 0, 50));
        PrintWriter out = spec.commandLine().getOut();
        out.println(route.name().substring(0, route.name().length() - 1) + (name == null ? "" : " " + name));
        out.print(Output.yaml(answer).indent(2));
        out.flush();
        return ExitCode.OK;
    }
}
