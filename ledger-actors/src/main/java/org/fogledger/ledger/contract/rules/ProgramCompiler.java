package org.fogledger.ledger.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;

/**
 * Checks a program document at deployment and turns it into a {@link Program}: every expression parsed, every
 * name resolved, every type checked, every limit kept, so a deployed program fails at run time only on
 * arithmetic, an exhausted budget or a {@code fail} action of its own. Each error names its place in the document,
 * e.g. {@code commands.report-stock.rules[1].when: unknown name 'state.dose' at column 1 (did you mean
 * 'state.doses'?)}, and all of them are reported at once, up to {@link #MAX_ERRORS}.
 *
 * <p>Checking charges the step meter one step for each declaration, rule and action, and one for each
 * {@value #CHARACTERS_PER_STEP} characters of an expression, so a large program pays for its own checking. Running
 * a command costs more per expression (one step per node evaluated); {@link RuleCommand#worstCaseSteps()} bounds
 * it, since the language has no loops.
 */
public final class ProgramCompiler {
    public static final int MAX_ERRORS = 20;

    /** The names a program may use under {@code ctx}. */
    public static final SortedMap<String, ValueType> CONTEXT = new TreeMap<>(Map.of(
            "sender", ValueType.KEY,
            "caller", ValueType.STRING,
            "self", ValueType.STRING,
            "time", ValueType.LONG,
            "height", ValueType.LONG));

    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9_]{0,31}");
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z][a-z0-9-]{0,47}");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,47}");
    private static final Pattern PAYLOAD_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final int MAX_MESSAGE_LENGTH = 200;
    /** Parsing and typing are linear in an expression's text; checking charges one step per this many characters. */
    static final int CHARACTERS_PER_STEP = 16;

    private final ProgramLimits limits;
    private final StepMeter meter;
    private final List<String> errors = new ArrayList<>();
    /** Declared names (scope.field) whose declaration had an error: uses of them are not errors of their own. */
    private final Set<String> broken = new TreeSet<>();
    private int errorsLeftOut;

    private ProgramCompiler(ProgramLimits limits, StepMeter meter) {
        this.limits = limits;
        this.meter = meter;
    }

    /**
     * Checks and compiles the program document {@code json}.
     *
     * @throws InvalidProgram listing what is wrong, each error with its path
     */
    public static Program compile(byte[] json, ProgramLimits limits, StepMeter meter) {
        if (json.length > limits.maxProgramBytes()) {
            throw new InvalidProgram(List.of("the program is " + json.length + " bytes; the limit is "
                    + limits.maxProgramBytes()));
        }
        meter.charge(1 + json.length / 256);
        ProgramDocument document;
        try {
            document = ContractJson.read(json, ProgramDocument.class, "program");
        } catch (ContractRefusal malformed) {
            throw new InvalidProgram(List.of(malformed.getMessage()));
        }
        return new ProgramCompiler(limits, meter).check(document);
    }

    private Program check(ProgramDocument document) {
        String name = document.name();
        if (name == null) {
            error("name", "a program needs a name: the contract name it is deployed under");
        } else {
            try {
                ContractAddress.of(name, ContractAddress.DEFAULT_INSTANCE);
            } catch (IllegalArgumentException e) {
                error("name", e.getMessage());
            }
        }
        SortedMap<String, ValueType> stateTypes = new TreeMap<>();
        SortedMap<String, Value> initial = new TreeMap<>();
        checkState(document.state(), stateTypes, initial);
        SortedMap<String, ValueType> configTypes = types("config", "config", document.config(),
                limits.maxConfigFields(), broken);

        SortedMap<String, RuleCommand> commands = new TreeMap<>();
        RuleCommand init = new RuleCommand(Program.INIT, new TreeMap<>(), List.of());
        SortedMap<String, ProgramDocument.Command> documented = document.commands();
        if (documented == null || documented.isEmpty()) {
            error("commands", "a program needs at least one command");
        } else {
            if (documented.size() > limits.maxCommands()) {
                error("commands", documented.size() + " commands; the limit is " + limits.maxCommands());
            }
            for (Map.Entry<String, ProgramDocument.Command> entry : documented.entrySet()) {
                RuleCommand command = checkCommand(entry.getKey(), entry.getValue(), stateTypes, configTypes);
                if (command == null) {
                    continue;
                }
                if (command.name().equals(Program.INIT)) {
                    init = command;
                } else {
                    commands.put(command.name(), command);
                }
            }
        }
        if (!errors.isEmpty()) {
            if (errorsLeftOut > 0) {
                errors.add("and " + errorsLeftOut + " more");
            }
            throw new InvalidProgram(errors);
        }
        return new Program(name, ContractJson.writeString(document), stateTypes, initial, configTypes, init,
                commands);
    }

    private void checkState(SortedMap<String, ProgramDocument.StateField> state,
                            SortedMap<String, ValueType> types, SortedMap<String, Value> initial) {
        if (state == null || state.isEmpty()) {
            error("state", "a program needs at least one state field");
            return;
        }
        if (state.size() > limits.maxStateFields()) {
            error("state", state.size() + " fields; the limit is " + limits.maxStateFields());
        }
        for (Map.Entry<String, ProgramDocument.StateField> entry : state.entrySet()) {
            meter.charge();
            String path = "state." + entry.getKey();
            if (!fieldName(path, entry.getKey())) {
                continue;
            }
            broken.add(path);
            ProgramDocument.StateField field = entry.getValue();
            if (field == null) {
                error(path, "a state field needs a type and an initial value");
                continue;
            }
            ValueType type = type(path + ".type", field.type());
            if (type == null) {
                continue;
            }
            JsonNode value = field.initial();
            if (value == null) {
                error(path + ".initial", "a state field needs an initial value (a " + type + ")");
                continue;
            }
            try {
                initial.put(entry.getKey(), Value.fromJson(value, type, limits.maxStringLength()));
                types.put(entry.getKey(), type);
                broken.remove(path);
            } catch (IllegalArgumentException e) {
                error(path + ".initial", e.getMessage());
            }
        }
    }

    /**
     * Checks a map of name -> type name (config entries, parameters).
     *
     * @param scope  how expressions name them: {@code config}, {@code param}
     * @param broken where to add the names declared with an error
     */
    private SortedMap<String, ValueType> types(String path, String scope, SortedMap<String, String> declared,
                                               int limit, Set<String> broken) {
        SortedMap<String, ValueType> types = new TreeMap<>();
        if (declared == null) {
            return types;
        }
        if (declared.size() > limit) {
            error(path, declared.size() + " entries; the limit is " + limit);
        }
        for (Map.Entry<String, String> entry : declared.entrySet()) {
            meter.charge();
            String entryPath = path + "." + entry.getKey();
            if (fieldName(entryPath, entry.getKey())) {
                ValueType type = type(entryPath, entry.getValue());
                if (type != null) {
                    types.put(entry.getKey(), type);
                } else {
                    broken.add(scope + "." + entry.getKey());
                }
            }
        }
        return types;
    }

    private RuleCommand checkCommand(String name, ProgramDocument.Command command,
                                     SortedMap<String, ValueType> stateTypes,
                                     SortedMap<String, ValueType> configTypes) {
        meter.charge();
        String path = "commands." + name;
        if (!COMMAND_NAME.matcher(name).matches()) {
            error(path, "a command name is 1-32 characters of a-z, 0-9 and '-', starting with a letter");
            return null;
        }
        if (command == null) {
            error(path, "a command needs rules");
            return null;
        }
        boolean init = name.equals(Program.INIT);
        if (init && configTypes.isEmpty()) {
            error(path, "the program has no config, and init exists only to set it");
        }
        if (init && command.params() != null) {
            error(path + ".params", "init takes no params: its payload is the config ("
                    + String.join(", ", configTypes.keySet()) + ")");
        }
        Set<String> brokenHere = new TreeSet<>(broken);
        SortedMap<String, ValueType> params = init ? new TreeMap<>()
                : types(path + ".params", "param", command.params(), limits.maxParams(), brokenHere);

        SortedMap<String, ValueType> names = new TreeMap<>();
        stateTypes.forEach((field, type) -> names.put("state." + field, type));
        configTypes.forEach((field, type) -> names.put("config." + field, type));
        params.forEach((field, type) -> names.put("param." + field, type));
        CONTEXT.forEach((field, type) -> names.put("ctx." + field, type));
        ExpressionTyper typer = new ExpressionTyper(names, brokenHere);

        List<ProgramDocument.Rule> rules = command.rules();
        if (rules == null || rules.isEmpty()) {
            error(path + ".rules", "a command needs at least one rule");
            return null;
        }
        if (rules.size() > limits.maxRulesPerCommand()) {
            error(path + ".rules", rules.size() + " rules; the limit is " + limits.maxRulesPerCommand());
        }
        List<Rule> checked = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = checkRule(path + ".rules[" + i + "]", rules.get(i), typer, stateTypes);
            if (rule != null) {
                checked.add(rule);
            }
        }
        return new RuleCommand(name, params, checked);
    }

    private Rule checkRule(String path, ProgramDocument.Rule rule, ExpressionTyper typer,
                           SortedMap<String, ValueType> stateTypes) {
        meter.charge();
        if (rule == null) {
            error(path, "a rule is an object with 'when' and 'then'");
            return null;
        }
        Expr condition = null;
        if (rule.when() != null) {
            condition = expression(path + ".when", rule.when(), typer, ValueType.BOOLEAN, "a condition");
        }
        List<ProgramDocument.Action> then = rule.then();
        if (then == null || then.isEmpty()) {
            error(path + ".then", "a rule needs at least one action");
            return null;
        }
        if (then.size() > limits.maxActionsPerRule()) {
            error(path + ".then", then.size() + " actions; the limit is " + limits.maxActionsPerRule());
        }
        List<RuleAction> actions = new ArrayList<>();
        for (int j = 0; j < then.size(); j++) {
            RuleAction action = checkAction(path + ".then[" + j + "]", then.get(j), typer, stateTypes);
            if (action != null) {
                actions.add(action);
            }
        }
        return new Rule(path, condition, actions);
    }

    private RuleAction checkAction(String path, ProgramDocument.Action action, ExpressionTyper typer,
                                   SortedMap<String, ValueType> stateTypes) {
        meter.charge();
        if (action == null) {
            error(path, "an action is one of set (with to), emit, send, fail");
            return null;
        }
        List<String> kinds = new ArrayList<>();
        if (action.set() != null || action.to() != null) {
            kinds.add("set");
        }
        if (action.emit() != null) {
            kinds.add("emit");
        }
        if (action.send() != null) {
            kinds.add("send");
        }
        if (action.fail() != null) {
            kinds.add("fail");
        }
        if (kinds.size() != 1) {
            error(path, "an action is exactly one of set (with to), emit, send, fail; this one is "
                    + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
            return null;
        }
        return switch (kinds.get(0)) {
            case "set" -> checkSet(path, action, typer, stateTypes);
            case "emit" -> checkEmit(path + ".emit", action.emit(), typer);
            case "send" -> checkSend(path + ".send", action.send(), typer);
            default -> checkFail(path + ".fail", action.fail());
        };
    }

    private RuleAction checkSet(String path, ProgramDocument.Action action, ExpressionTyper typer,
                                SortedMap<String, ValueType> stateTypes) {
        String field = action.set();
        if (field == null) {
            error(path, "'to' belongs to a set; name the state field with 'set'");
            return null;
        }
        ValueType type = stateTypes.get(field);
        if (type == null && broken.contains("state." + field)) {
            return null;
        }
        if (type == null) {
            int dot = field.indexOf('.');
            String scope = dot < 0 ? "" : field.substring(0, dot);
            String bare = field.substring(dot + 1);
            if (scope.equals("state") && stateTypes.containsKey(bare)) {
                error(path + ".set", "set names a state field without 'state.': write '" + bare + "'");
            } else if (!scope.isEmpty() && !scope.equals("state")) {
                error(path + ".set", "only state fields can be set; '" + field + "' is not one ("
                        + (scope.equals("config") ? "config is fixed when an instance is configured" : scope
                        + " is read-only") + ")");
            } else {
                error(path + ".set", "unknown state field '" + field + "'" + hint(bare, stateTypes.keySet()));
            }
            return null;
        }
        if (action.to() == null) {
            error(path + ".to", "a set needs 'to', the expression of the new value (a " + type + ")");
            return null;
        }
        Expr value = expression(path + ".to", action.to(), typer, type, "'" + field + "'");
        return value == null ? null : new RuleAction.SetField(path, field, value);
    }

    private RuleAction checkEmit(String path, ProgramDocument.Emit emit, ExpressionTyper typer) {
        if (emit.event() == null || !EVENT_NAME.matcher(emit.event()).matches()) {
            error(path + ".event", "an event name is 1-48 characters of a-z, 0-9 and '-', starting with a letter"
                    + (emit.event() == null ? "" : "; got '" + abbreviate(emit.event()) + "'"));
            return null;
        }
        SortedMap<String, Expr> fields = fields(path + ".fields", emit.fields(), typer);
        return fields == null ? null : new RuleAction.Emit(path, emit.event(), fields);
    }

    private RuleAction checkSend(String path, ProgramDocument.Send send, ExpressionTyper typer) {
        if (send.to() == null) {
            error(path + ".to", "a send needs 'to', the expression of the target contract address");
            return null;
        }
        Expr target = expression(path + ".to", send.to(), typer, ValueType.STRING, "a contract address");
        if (target instanceof Expr.Literal literal) {
            try {
                ContractAddress.parse(((Value.StringValue) literal.value()).value());
            } catch (IllegalArgumentException e) {
                error(path + ".to", "not a contract address: " + e.getMessage());
                target = null;
            }
        }
        if (send.command() == null || !COMMAND_NAME.matcher(send.command()).matches()) {
            error(path + ".command", "a command name is 1-32 characters of a-z, 0-9 and '-', starting with a"
                    + " letter" + (send.command() == null ? "" : "; got '" + abbreviate(send.command()) + "'"));
            return null;
        }
        SortedMap<String, Expr> payload = fields(path + ".payload", send.payload(), typer);
        return target == null || payload == null ? null
                : new RuleAction.Send(path, target, send.command(), payload);
    }

    private RuleAction checkFail(String path, ProgramDocument.Fail fail) {
        boolean ok = true;
        if (fail.code() == null || !CODE.matcher(fail.code()).matches()) {
            error(path + ".code", "a failure code is 1-48 characters of a-z, 0-9 and '-', starting with a letter"
                    + (fail.code() == null ? "" : "; got '" + abbreviate(fail.code()) + "'"));
            ok = false;
        }
        if (fail.message() == null || fail.message().isBlank() || fail.message().length() > MAX_MESSAGE_LENGTH) {
            error(path + ".message", "a failure needs a message of 1-" + MAX_MESSAGE_LENGTH
                    + " characters that says what is wrong");
            ok = false;
        }
        return ok ? new RuleAction.Fail(path, fail.code(), fail.message()) : null;
    }

    /** Named expressions of any type: an event's fields, a message's payload. Null if any is wrong. */
    private SortedMap<String, Expr> fields(String path, SortedMap<String, String> declared, ExpressionTyper typer) {
        SortedMap<String, Expr> fields = new TreeMap<>();
        if (declared == null) {
            return fields;
        }
        if (declared.size() > limits.maxMessageFields()) {
            error(path, declared.size() + " fields; the limit is " + limits.maxMessageFields());
            return null;
        }
        boolean ok = true;
        for (Map.Entry<String, String> entry : declared.entrySet()) {
            String fieldPath = path + "." + entry.getKey();
            if (!PAYLOAD_FIELD.matcher(entry.getKey()).matches()) {
                error(fieldPath, "a field name is 1-64 characters of A-Z, a-z, 0-9, '_' and '-', starting with a"
                        + " letter");
                ok = false;
                continue;
            }
            Expr value = expression(fieldPath, entry.getValue(), typer, null, null);
            if (value == null) {
                ok = false;
            } else {
                fields.put(entry.getKey(), value);
            }
        }
        return ok ? fields : null;
    }

    /**
     * Parses and types one expression; null (with the error recorded) if it is wrong.
     *
     * @param expected the type it must have, or null for any
     * @param what     what it is, for the type error ("a condition", "'doses'")
     */
    private Expr expression(String path, String text, ExpressionTyper typer, ValueType expected, String what) {
        if (text == null) {
            error(path, "the expression is missing");
            return null;
        }
        if (text.length() > limits.maxExpressionLength()) {
            error(path, "the expression is " + text.length() + " characters; the limit is "
                    + limits.maxExpressionLength());
            return null;
        }
        try {
            meter.charge(1 + text.length() / CHARACTERS_PER_STEP);
            Expr expr = ExpressionParser.parse(text, limits.maxExpressionDepth());
            ValueType type = typer.typeOf(expr);
            if (expected != null && type != expected) {
                error(path, (expected == ValueType.BOOLEAN && what.equals("a condition")
                        ? "a condition must be a boolean" : what + " is a " + expected) + ", but the expression is"
                        + " a " + type);
                return null;
            }
            return expr;
        } catch (InvalidExpression e) {
            if (!e.alreadyReported()) {
                error(path, e.getMessage());
            }
            return null;
        }
    }

    private boolean fieldName(String path, String name) {
        if (FIELD_NAME.matcher(name).matches()) {
            return true;
        }
        error(path, "a field name is 1-32 characters of A-Z, a-z, 0-9 and '_', starting with a lowercase letter,"
                + " so that expressions can name it");
        return false;
    }

    private ValueType type(String path, String name) {
        if (name == null) {
            error(path, "the type is missing (types: " + ValueType.NAMES + ")");
            return null;
        }
        return ValueType.named(name).orElseGet(() -> {
            error(path, "unknown type '" + abbreviate(name) + "' (types: " + ValueType.NAMES + ")");
            return null;
        });
    }

    private static String hint(String wanted, Collection<String> candidates) {
        String suggestion = Suggestions.didYouMean(wanted, candidates);
        return suggestion == null ? "" : " (" + suggestion + ")";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private void error(String path, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(path + ": " + message);
        } else {
            errorsLeftOut++;
        }
    }
}
