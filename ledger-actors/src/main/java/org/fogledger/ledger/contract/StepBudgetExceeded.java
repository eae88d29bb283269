package org.fogledger.ledger.contract;

/** An execution used more steps than its budget; it fails alone and keeps none of its events. */
public final class StepBudgetExceeded extends RuntimeException {

    public StepBudgetExceeded(long budget) {
        super("execution exceeded its budget of " + budget + " steps", null, false, false);
    }
}
