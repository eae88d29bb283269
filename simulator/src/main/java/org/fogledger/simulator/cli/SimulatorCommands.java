package org.fogledger.simulator.cli;

import org.fogledger.cluster.launcher.LauncherExtension;

/** Adds {@code simulate} to the {@code fogledger} launcher (listed in META-INF/services). */
public final class SimulatorCommands implements LauncherExtension {
    @Override
    public Object command() {
        return new SimulateCommand();
    }
}
