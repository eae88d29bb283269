package org.fogledger.ledger.contract;

/**
 * Counts the work of one execution against its budget. Contract code charges it for every unit of work whose
 * amount depends on its input (a rule evaluated, an element of a list scanned, an event emitted), so a contract
 * that loops over attacker-sized data runs out of budget instead of stalling the block. Steps are counted, not
 * timed: every validator stops at the same step.
 */
public final class StepMeter {
    private final long budget;
    private long used;

    public StepMeter(long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("step budget must be > 0, got " + budget);
        }
        this.budget = budget;
    }

    /** Charges {@code steps}; throws {@link StepBudgetExceeded} once the total is over budget. */
    public void charge(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        used += steps;
        if (used > budget) {
            throw new StepBudgetExceeded(budget);
        }
    }

    public void charge() {
        charge(1);
    }

    public long used() {
        return used;
    }

    public long budget() {
        return budget;
    }
}
