package org.fogledger.simulator.engine;

/** How one operation ended, as judged by its behaviour against what the system should have answered. */
public sealed interface Outcome {

    /** The system answered as it should (which may be a refusal, for a malicious device's operation). */
    record Ok() implements Outcome {
    }

    /**
     * The system answered otherwise, or not at all.
     *
     * @param errorKind a short stable name for grouping: {@code timeout}, {@code refused:not-registered},
     *                  {@code delivered-despite-denial}, ...
     * @param detail    what happened, for the first few examples in the report
     */
    record Failed(String errorKind, String detail) implements Outcome {
    }

    /** Nothing to do this time (for example no device in the needed stage yet); not counted as sent. */
    record Skipped(String why) implements Outcome {
    }

    Outcome OK = new Ok();
}
