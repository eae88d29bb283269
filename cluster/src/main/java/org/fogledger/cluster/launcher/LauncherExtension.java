package org.fogledger.cluster.launcher;

/**
 * A command that a module above {@code cluster} adds to the {@code fogledger} launcher (the simulator's
 * {@code simulate}), found with {@link java.util.ServiceLoader} so that dependencies still go one way: the
 * launcher lives here, the simulator depends on it. Implementations are listed in
 * {@code META-INF/services/org.fogledger.cluster.launcher.LauncherExtension}.
 */
public interface LauncherExtension {

    /** A new instance of a picocli {@code @Command} class, added as a subcommand of {@code fogledger}. */
    Object command();
}
