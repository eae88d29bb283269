package org.fogledger.ledger.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SortedMap;

/**
 * A rule program as its author writes it (JSON), before any checking: the shape {@link ProgramCompiler} reads.
 * Every part may be missing or wrong here; the compiler says which, by path ({@code commands.report-stock.rules[1]
 * .when}). {@code description}s are for readers and do nothing.
 *
 * @param name     the contract name the program is deployed under
 * @param state    per-instance fields with their types and initial values
 * @param config   per-instance settings, given once by {@code init}: name -> type
 * @param commands by name; {@code init} may hold rules that check the configuration
 */
public record ProgramDocument(String name, String description, SortedMap<String, StateField> state,
                              SortedMap<String, String> config, SortedMap<String, Command> commands) {

    /** A state field: {@code {"type": "long", "initial": 0}}. */
    public record StateField(String type, JsonNode initial, String description) {
    }

    /** A command: typed parameters (name -> type) and the rules it runs, in order. */
    public record Command(String description, SortedMap<String, String> params, List<Rule> rules) {
    }

    /** {@code when} the condition holds (always, if absent), {@code then} run the actions in order. */
    public record Rule(String description, String when, List<Action> then) {
    }

    /**
     * Exactly one of: {@code set} (a state field) with {@code to} (an expression), {@code emit}, {@code send},
     * {@code fail}.
     */
    public record Action(String set, String to, Emit emit, Send send, Fail fail) {
    }

    /** An event named {@code event} with fields computed by expressions. */
    public record Emit(String event, SortedMap<String, String> fields) {
    }

    /** A message to the contract at {@code to} (an expression), with a payload computed by expressions. */
    public record Send(String to, String command, SortedMap<String, String> payload) {
    }

    /** Refuse the command with {@code code} and {@code message}; nothing it did is kept. */
    public record Fail(String code, String message) {
    }
}
