package org.fogledger.ledger.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small contract for runtime tests: named tallies per instance. {@code add {name, amount}} adds (refusing a
 * negative total); {@code forward {target, name, amount}} sends {@code add} to another instance; {@code spin
 * {steps}} charges the meter that many times (to exhaust the budget); {@code echo} answers with the context.
 */
public final class TallyContract implements Contract<TallyContract.Tallies, TallyContract.Event> {

    public record Tallies(SortedMap<String, Long> counts) {
        public Tallies {
            counts = new TreeMap<>(counts);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Added.class, name = "added")})
    public sealed interface Event {
    }

    public record Added(String name, long amount) implements Event {
    }

    record Add(String name, long amount) {
    }

    record Forward(String target, String name, long amount) {
    }

    record Spin(long steps) {
    }

    private final String name;

    public TallyContract() {
        this("tally");
    }

    public TallyContract(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<Tallies> stateType() {
        return Tallies.class;
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public Tallies initialState(String instance) {
        return new Tallies(new TreeMap<>());
    }

    @Override
    public Outcome<Event> handle(Tallies state, Invocation invocation, StepMeter meter) {
        meter.charge();
        switch (invocation.command()) {
            case "add" -> {
                Add add = ContractJson.read(invocation.payload(), Add.class, name + ".add");
                long total = Math.addExact(state.counts().getOrDefault(add.name(), 0L), add.amount());
                if (total < 0) {
                    throw new ContractRefusal("negative-tally", "tally '" + add.name() + "' would become " + total);
                }
                return Outcome.of(ContractResult.ok("added", ContractJson.write(total)),
                        new Added(add.name(), add.amount()));
            }
            case "forward" -> {
                Forward forward = ContractJson.read(invocation.payload(), Forward.class, name + ".forward");
                return new Outcome<Event>(List.of(), ContractResult.ok("forwarded"), List.of(new ContractMessage(
                        ContractAddress.parse(forward.target()), "add",
                        ContractJson.write(new Add(forward.name(), forward.amount())))));
            }
            case "spin" -> {
                Spin spin = ContractJson.read(invocation.payload(), Spin.class, name + ".spin");
                for (long i = 0; i < spin.steps(); i++) {
                    meter.charge();
                }
                return Outcome.answer(ContractResult.ok("spun"));
            }
            case "echo" -> {
                ExecutionContext ctx = invocation.context();
                return Outcome.answer(ContractResult.ok("echo", (ctx.height() + "/" + ctx.index() + "/"
                        + (ctx.caller() == null ? "-" : ctx.caller().toString())).getBytes()));
            }
            default -> throw new ContractRefusal("unknown-command", name + " has no command '"
                    + invocation.command() + "'");
        }
    }

    @Override
    public Tallies apply(Tallies state, Event event) {
        if (event instanceof Added added) {
            TreeMap<String, Long> counts = new TreeMap<>(state.counts());
            counts.merge(added.name(), added.amount(), Long::sum);
            return new Tallies(counts);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }
}
