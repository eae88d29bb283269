package org.fogledger.ledger.contract.rules;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A rule program that passed every deploy-time check: names resolved, types checked, limits kept. Immutable; what
 * a {@link RuleContract} runs.
 *
 * @param source     the program's canonical JSON, as the deploy contract stores it
 * @param stateTypes the state fields' types
 * @param initial    the state fields' initial values
 * @param configTypes the config entries' types; empty when instances need no {@code init}
 * @param init       the rules {@code init} runs once the configuration is set (none: no rules)
 * @param commands   every command but {@code init}, by name
 */
public record Program(String name, String source, SortedMap<String, ValueType> stateTypes,
                      SortedMap<String, Value> initial, SortedMap<String, ValueType> configTypes, RuleCommand init,
                      SortedMap<String, RuleCommand> commands) {

    /** The command that configures an instance. */
    public static final String INIT = "init";

    public Program {
        stateTypes = Collections.unmodifiableSortedMap(new TreeMap<>(stateTypes));
        initial = Collections.unmodifiableSortedMap(new TreeMap<>(initial));
        configTypes = Collections.unmodifiableSortedMap(new TreeMap<>(configTypes));
        commands = Collections.unmodifiableSortedMap(new TreeMap<>(commands));
    }

    public boolean needsConfiguration() {
        return !configTypes.isEmpty();
    }

    public Optional<RuleCommand> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** Each command's {@link RuleCommand#worstCaseSteps}, {@code init} included when there is config. */
    public SortedMap<String, Long> worstCaseSteps() {
        SortedMap<String, Long> steps = new TreeMap<>();
        if (needsConfiguration()) {
            steps.put(INIT, init.worstCaseSteps(configTypes.size()));
        }
        commands.forEach((name, command) -> steps.put(name, command.worstCaseSteps(command.params().size())));
        return steps;
    }
}
