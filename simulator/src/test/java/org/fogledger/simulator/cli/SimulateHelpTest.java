package org.fogledger.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.fogledger.cluster.launcher.Launcher;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** With the simulator on the classpath the launcher has {@code simulate}, and its help names every option. */
class SimulateHelpTest {

    @Test
    void theLauncherFindsSimulateAndItsHelpNamesEveryOptionAndAnExample() {
        CommandLine launcher = Launcher.commandLine();
        CommandLine simulate = launcher.getSubcommands().get("simulate");
        assertTrue(simulate != null, "no simulate command: " + launcher.getSubcommands().keySet());
        StringWriter out = new StringWriter();
        launcher.setOut(new PrintWriter(out));

        int code = launcher.execute("simulate", "--help");

        assertEquals(0, code, out.toString());
        for (OptionSpec option : simulate.getCommandSpec().options()) {
            assertTrue(out.toString().contains(option.longestName()), "simulate --help does not mention "
                    + option.longestName() + "\n" + out);
        }
        assertTrue(out.toString().contains("Examples:"), out.toString());
        assertTrue(out.toString().contains("Exit code: 0 every check and threshold held"), out.toString());
    }
}
