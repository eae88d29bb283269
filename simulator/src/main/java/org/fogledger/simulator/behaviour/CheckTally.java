package org.fogledger.simulator.behaviour;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.simulator.report.CheckResult;

/** Cases a check looked at, the violations among them and the first few described. Thread-safe. */
final class CheckTally {
    private static final int EXAMPLES = 10;

    private final String name;
    private long checked;
    private long violations;
    private final List<String> examples = new ArrayList<>();

    CheckTally(String name) {
        this.name = name;
    }

    synchronized void passed() {
        checked++;
    }

    synchronized void violated(String example) {
        checked++;
        violations++;
        if (examples.size() < EXAMPLES) {
            examples.add(example);
        }
    }

    synchronized CheckResult result() {
        return new CheckResult(name, checked, violations, examples);
    }
}
