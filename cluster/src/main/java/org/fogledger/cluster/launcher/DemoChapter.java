package org.fogledger.cluster.launcher;

/**
 * A chapter a module above {@code cluster} adds to {@code fogledger demo} (the simulator's fleet under load), found
 * with {@link java.util.ServiceLoader} in {@code META-INF/services/org.fogledger.cluster.launcher.DemoChapter}.
 * Chapters run after the demo's own, against the same running cluster, in the order the service loader finds
 * them.
 */
public interface DemoChapter {

    /** One word for progress lines and errors. */
    String name();

    /**
     * Runs the chapter. It prints its own progress on {@link DemoStage#out()}.
     *
     * @return true when it did what it set out to; false makes the demo exit non-zero after the summary
     */
    boolean run(DemoStage stage) throws Exception;
}
