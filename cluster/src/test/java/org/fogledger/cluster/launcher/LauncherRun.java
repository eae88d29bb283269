package org.fogledger.cluster.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the {@code fogledger} command, with what it printed. */
public record LauncherRun(int exitCode, String out, String err) {

    public static LauncherRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Launcher.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new LauncherRun(exitCode, out.toString(), err.toString());
    }

    /** For assertion messages: everything the run printed. */
    public String transcript() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
