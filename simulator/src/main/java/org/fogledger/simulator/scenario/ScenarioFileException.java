package org.fogledger.simulator.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A scenario file that cannot be used, with every problem found: each names the key path and, where known, the
 * line and column.
 */
public final class ScenarioFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final List<String> problems;

    public ScenarioFileException(Path file, List<String> problems) {
        super(message(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    /** Each problem as {@code key.path: what is wrong (line L, column C)}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(Path file, List<String> problems) {
        if (problems.size() == 1) {
            return file + ": " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder(file + ": " + problems.size() + " problems");
        problems.forEach(p -> sb.append("\n  ").append(file).append(": ").append(p));
        return sb.toString();
    }
}
