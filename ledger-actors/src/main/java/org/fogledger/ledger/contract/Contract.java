package org.fogledger.ledger.contract;

/**
 * A contract's logic: plain, deterministic Java. The host keeps one state per instance and, for each invocation,
 * calls {@link #handle} and then {@link #apply} for each event it returned. Both must depend on their arguments
 * only: no clock (use {@link ExecutionContext#blockTimeMillis()}), no randomness, no I/O, no iteration over
 * unordered collections, no floating point. Validators compare the hash of every block's results, so a contract
 * that breaks this is caught one block later.
 *
 * <p>States and events are immutable values that {@link ContractJson} writes and reads back to equal values
 * (records of strings, longs, booleans, lists and sorted maps): that form is what the instance's journal and
 * snapshots hold and what the results hash covers.
 *
 * @param <S> the instance state
 * @param <E> the events
 */
public interface Contract<S, E> {

    /** The name transactions address, e.g. {@code registry}; see {@link ContractAddress}. */
    String name();

    Class<S> stateType();

    Class<E> eventType();

    /** The state of an instance that has never handled a command. */
    S initialState(String instance);

    /**
     * Decides what {@code invocation} does to {@code state}. Refuse with {@link ContractRefusal}; charge
     * {@code meter} for work that grows with the input.
     */
    Outcome<E> handle(S state, Invocation invocation, StepMeter meter);

    /** The state after {@code event}; total (an event that was persisted must always apply). */
    S apply(S state, E event);

    /**
     * Answers a read-only question about the state as JSON; refuse with {@link ContractRefusal} (an unknown query,
     * a malformed argument). The default knows one query, {@code state}, which returns the whole state.
     */
    default byte[] query(S state, String query, byte[] argument) {
        if (query.equals("state")) {
            return ContractJson.write(state);
        }
        throw new ContractRefusal("unknown-query", "contract " + name() + " has no query '" + query + "'");
    }
}
