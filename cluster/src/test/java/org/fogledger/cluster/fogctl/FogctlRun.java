package org.fogledger.cluster.fogctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One in-process run of {@code fogctl}, with what it printed. The environment is empty and the config file is in
 * {@code home}, so a developer's own ~/.fogctl and FOGCTL_* variables never leak into a test.
 */
record FogctlRun(int exitCode, String out, String err) {

    static FogctlRun of(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Fogctl.commandLine(new Fogctl(Map.of()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        if (home != null && !all.contains("--config")) {
            all.add("--config");
            all.add(home.resolve("config").toString());
        }
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new FogctlRun(exitCode, out.toString(), err.toString());
    }

    /** For assertion messages: everything the run printed. */
    String transcript() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
