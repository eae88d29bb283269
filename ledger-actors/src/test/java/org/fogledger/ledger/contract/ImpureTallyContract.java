package org.fogledger.ledger.contract;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A planted bug: a tally contract whose {@code add} answers with its object identity and a process-wide counter, the kind of hidden state
 * (a static, a clock, a cache) that makes two validators executing the same block answer differently. Tests use it
 * to show that divergence is caught.
 */
public final class ImpureTallyContract implements Contract<TallyContract.Tallies, TallyContract.Event> {
    private static final AtomicLong CALLS = new AtomicLong();
    private final TallyContract pure = new TallyContract("tally");

    @Override
    public String name() {
        return "tally";
    }

    @Override
    public Class<TallyContract.Tallies> stateType() {
        return TallyContract.Tallies.class;
    }

    @Override
    public Class<TallyContract.Event> eventType() {
        return TallyContract.Event.class;
    }

    @Override
    public TallyContract.Tallies initialState(String instance) {
        return pure.initialState(instance);
    }

    @Override
    public Outcome<TallyContract.Event> handle(TallyContract.Tallies state, Invocation invocation, StepMeter meter) {
        Outcome<TallyContract.Event> outcome = pure.handle(state, invocation, meter);
        if (!invocation.command().equals("add")) {
            return outcome;
        }
        // Which object runs, and how often it ran in this process: what one validator sees and another doesn't.
        byte[] leak = (System.identityHashCode(this) + ":" + CALLS.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        return new Outcome<>(outcome.events(), ContractResult.ok("added", leak), outcome.messages());
    }

    @Override
    public TallyContract.Tallies apply(TallyContract.Tallies state, TallyContract.Event event) {
        return pure.apply(state, event);
    }
}
