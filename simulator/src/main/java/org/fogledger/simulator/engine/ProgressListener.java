package org.fogledger.simulator.engine;

/** Receives a run's {@link Progress} once a second, on the engine's ticker thread (so it must return quickly). */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(Progress progress);

    /** Called once after the last operation was answered. */
    default void onFinished() {
    }

    ProgressListener NONE = p -> { };
}
