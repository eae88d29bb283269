package org.fogledger.ledger.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;

/**
 * A contract whose logic is a deployed rule {@link Program}. A command reads its typed parameters from the payload,
 * then runs the command's rules in order: each rule whose condition holds runs its actions in order, and every
 * action sees what the actions before it set. A {@code fail} action, an arithmetic failure or an exhausted budget
 * refuses the whole command: nothing it set, emitted or sent is kept.
 *
 * <p>{@code init} configures an instance once: its payload is the config, and the program's {@code init} rules
 * (if any) may still refuse it. An instance of a program with config runs no other command before that.
 */
public final class RuleContract implements Contract<RuleState, RuleEvent> {
    private final Program program;
    private final ProgramLimits limits;

    public RuleContract(Program program, ProgramLimits limits) {
        this.program = Objects.requireNonNull(program, "program");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Program program() {
        return program;
    }

    @Override
    public String name() {
        return program.name();
    }

    @Override
    public Class<RuleState> stateType() {
        return RuleState.class;
    }

    @Override
    public Class<RuleEvent> eventType() {
        return RuleEvent.class;
    }

    @Override
    public RuleState initialState(String instance) {
        return new RuleState(!program.needsConfiguration(), new TreeMap<>(), program.initial());
    }

    @Override
    public Outcome<RuleEvent> handle(RuleState state, Invocation invocation, StepMeter meter) {
        meter.charge();
        String command = invocation.command();
        String what = program.name() + "." + command;
        if (command.equals(Program.INIT)) {
            if (!program.needsConfiguration()) {
                throw new ContractRefusal("unknown-command", program.name() + " has no config, so no init; its"
                        + " commands are " + String.join(", ", program.commands().keySet()));
            }
            if (state.configured()) {
                throw new ContractRefusal("already-configured", invocation.address() + " is already configured;"
                        + " a configuration is set once");
            }
            SortedMap<String, Value> config = values(invocation.payload(), program.configTypes(), what, meter);
            Run run = new Run(invocation, config, new TreeMap<>(), state.fields(), meter);
            run.events.add(new RuleEvent.Configured(config));
            return run.rules(program.init());
        }
        RuleCommand rules = program.command(command).orElseThrow(() -> new ContractRefusal("unknown-command",
                program.name() + " has no command '" + command + "'; its commands are " + commandList()));
        if (!state.configured()) {
            throw new ContractRefusal("not-configured", invocation.address() + " is not configured: send init"
                    + " with " + describe(program.configTypes()) + " first");
        }
        SortedMap<String, Value> params = values(invocation.payload(), rules.params(), what, meter);
        return new Run(invocation, state.config(), params, state.fields(), meter).rules(rules);
    }

    @Override
    public RuleState apply(RuleState state, RuleEvent event) {
        return state.apply(event);
    }

    /** {@code state} (the default) and {@code program}: the program's canonical JSON. */
    @Override
    public byte[] query(RuleState state, String query, byte[] argument) {
        if (query.equals("program")) {
            return program.source().getBytes(StandardCharsets.UTF_8);
        }
        return Contract.super.query(state, query, argument);
    }

    private String commandList() {
        List<String> names = new ArrayList<>();
        if (program.needsConfiguration()) {
            names.add(Program.INIT);
        }
        names.addAll(program.commands().keySet());
        return String.join(", ", names);
    }

    private static String describe(SortedMap<String, ValueType> types) {
        return types.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Reads a payload that must be a JSON object with exactly the fields {@code types} declares. */
    private SortedMap<String, Value> values(byte[] payload, SortedMap<String, ValueType> types, String what,
                                            StepMeter meter) {
        JsonNode node = ContractJson.read(payload, JsonNode.class, what);
        if (!node.isObject()) {
            throw new ContractRefusal("malformed-payload", what + ": the payload must be a JSON object with "
                    + (types.isEmpty() ? "no fields" : describe(types)));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            meter.charge();
            if (!types.containsKey(name)) {
                throw new ContractRefusal("malformed-payload", what + ": unknown field '" + name + "'; the fields"
                        + " are " + (types.isEmpty() ? "none" : describe(types)));
            }
        }
        SortedMap<String, Value> values = new TreeMap<>();
        for (Map.Entry<String, ValueType> field : types.entrySet()) {
            try {
                values.put(field.getKey(), Value.fromJson(node.get(field.getKey()), field.getValue(),
                        limits.maxStringLength()));
            } catch (IllegalArgumentException e) {
                throw new ContractRefusal("malformed-payload", what + ": field '" + field.getKey() + "' "
                        + e.getMessage());
            }
        }
        return values;
    }

    /** One command's run: the working state, what it emitted and sent, which rules matched. */
    private final class Run implements Bindings {
        private final Invocation invocation;
        private final SortedMap<String, Value> config;
        private final SortedMap<String, Value> params;
        private final TreeMap<String, Value> fields;
        private final StepMeter meter;
        private final List<RuleEvent> events = new ArrayList<>();
        private final List<ContractMessage> messages = new ArrayList<>();

        Run(Invocation invocation, SortedMap<String, Value> config, SortedMap<String, Value> params,
            SortedMap<String, Value> fields, StepMeter meter) {
            this.invocation = invocation;
            this.config = config;
            this.params = params;
            this.fields = new TreeMap<>(fields);
            this.meter = meter;
        }

        Outcome<RuleEvent> rules(RuleCommand command) {
            List<Integer> matched = new ArrayList<>();
            List<Rule> rules = command.rules();
            for (int i = 0; i < rules.size(); i++) {
                meter.charge();
                Rule rule = rules.get(i);
                if (rule.condition() != null
                        && !((Value.BooleanValue) evaluate(rule.condition(), rule.path() + ".when")).value()) {
                    continue;
                }
                matched.add(i);
                for (RuleAction action : rule.actions()) {
                    meter.charge();
                    perform(rule, action);
                }
            }
            TreeMap<String, Object> answer = new TreeMap<>();
            answer.put("command", command.name());
            answer.put("matched", matched);
            return new Outcome<>(events, ContractResult.ok("executed", ContractJson.write(answer)), messages);
        }

        private void perform(Rule rule, RuleAction action) {
            if (action instanceof RuleAction.SetField set) {
                Value value = evaluate(set.value(), set.path() + ".to");
                fields.put(set.field(), value);
                events.add(new RuleEvent.FieldSet(set.field(), value));
            } else if (action instanceof RuleAction.Emit emit) {
                SortedMap<String, Value> values = new TreeMap<>();
                emit.fields().forEach((name, expr) -> values.put(name, evaluate(expr,
                        emit.path() + ".fields." + name)));
                events.add(new RuleEvent.EventEmitted(emit.event(), values));
            } else if (action instanceof RuleAction.Send send) {
                String target = ((Value.StringValue) evaluate(send.target(), send.path() + ".to")).value();
                ContractAddress address;
                try {
                    address = ContractAddress.parse(target);
                } catch (IllegalArgumentException e) {
                    throw new ContractRefusal("bad-address", send.path() + ".to: '" + target + "' is not a"
                            + " contract address: " + e.getMessage());
                }
                TreeMap<String, Object> payload = new TreeMap<>();
                send.payload().forEach((name, expr) -> payload.put(name, evaluate(expr,
                        send.path() + ".payload." + name).json()));
                messages.add(new ContractMessage(address, send.command(), ContractJson.write(payload)));
            } else {
                RuleAction.Fail fail = (RuleAction.Fail) action;
                throw new ContractRefusal(fail.code(), rule.path() + ": " + fail.message());
            }
        }

        private Value evaluate(Expr expr, String path) {
            try {
                return ExpressionEvaluator.evaluate(expr, this, meter);
            } catch (ArithmeticFailure failure) {
                throw new ContractRefusal("arithmetic-error", path + ": " + failure.getMessage());
            }
        }

        @Override
        public Value value(String scope, String field) {
            Value value = switch (scope) {
                case "state" -> fields.get(field);
                case "param" -> params.get(field);
                case "config" -> config.get(field);
                case "ctx" -> context(field);
                default -> null;
            };
            if (value == null) {
                throw new IllegalStateException("unchecked name " + scope + "." + field);
            }
            return value;
        }

        private Value context(String field) {
            ExecutionContext context = invocation.context();
            return switch (field) {
                case "sender" -> new Value.KeyValue(context.sender());
                case "caller" -> new Value.StringValue(context.isInternal() ? context.caller().toString() : "");
                case "self" -> new Value.StringValue(invocation.address().toString());
                case "time" -> new Value.LongValue(context.blockTimeMillis());
                case "height" -> new Value.LongValue(context.height());
                default -> null;
            };
        }
    }
}
