package org.fogledger.ledger.contract;

/**
 * Bounds on one block's execution, the same on every validator (they come from genesis, not from a node's
 * configuration, since validators that disagree on them would disagree on results).
 *
 * @param stepsPerExecution          the step budget of one invocation
 * @param maxEventsPerExecution      events one invocation may persist
 * @param maxMessagesPerExecution    messages one invocation may send
 * @param maxInternalMessagesPerBlock internal transactions one block may run in all; the rest fail
 * @param maxResultBytes             size of a result's data
 */
public record ExecutionLimits(long stepsPerExecution, int maxEventsPerExecution, int maxMessagesPerExecution,
                              int maxInternalMessagesPerBlock, int maxResultBytes) {

    public static final ExecutionLimits DEFAULT = new ExecutionLimits(100_000, 64, 16, 4_096, 16_384);

    public ExecutionLimits {
        if (stepsPerExecution <= 0 || maxEventsPerExecution <= 0 || maxMessagesPerExecution < 0
                || maxInternalMessagesPerBlock < 0 || maxResultBytes <= 0) {
            throw new IllegalArgumentException("execution limits must be positive: " + stepsPerExecution + ", "
                    + maxEventsPerExecution + ", " + maxMessagesPerExecution + ", " + maxInternalMessagesPerBlock
                    + ", " + maxResultBytes);
        }
    }
}
