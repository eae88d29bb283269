package org.fogledger.simulator.report;

import java.util.List;

/**
 * One correctness check run during a simulation, for example "every blocked device is refused".
 *
 * @param name       what the check asserts, as a sentence
 * @param checked    how many cases it looked at
 * @param violations how many of them broke it
 * @param examples   a few violating cases, described (at most ten)
 */
public record CheckResult(String name, long checked, long violations, List<String> examples) {

    public CheckResult {
        examples = List.copyOf(examples);
    }
}
