package org.fogledger.cluster.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fogledger bench}: the benchmarks that run against real nodes. */
@Command(
        name = "bench",
        headerHeading = "",
        header = "Benchmarks against real validators.",
        synopsisHeading = "%nUsage: ",
        synopsisSubcommandLabel = "BENCHMARK",
        descriptionHeading = "%n",
        description = {
            "Runs a benchmark against real FogLedger nodes and prints what it measured. Results and how to compare "
                    + "them: docs/BENCHMARKS.md."
        },
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nBenchmarks:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogledger bench ledger                                      4 validators, 500 tx/s, 10 s",
            "  fogledger bench ledger --validators 4 --duration 60s --max  the highest committed rate",
            "  fogledger bench ledger --help                               every option of the ledger benchmark"
        },
        subcommands = {LedgerBenchCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    /** No benchmark named: a usage error that lists them. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing benchmark. Try 'fogledger bench ledger'.");
    }
}
