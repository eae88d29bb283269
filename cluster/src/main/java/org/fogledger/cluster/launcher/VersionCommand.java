package org.fogledger.cluster.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fogledger version}: the versions a bug report needs. */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.VersionProvider.class,
        headerHeading = "",
        header = "Print the versions of FogLedger, Pekko and the JVM.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Prints the FogLedger build version, the Apache Pekko version on the class path, and the Java runtime "
                    + "and operating system this launcher runs on. Paste it into a bug report.",
            "Same output as 'fogledger --version'."
        },
        footerHeading = "%nExample:%n",
        footer = "  fogledger version")
final class VersionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new BuildInfo.VersionProvider().getVersion()) {
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
