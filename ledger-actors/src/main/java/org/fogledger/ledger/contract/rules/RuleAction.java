package org.fogledger.ledger.contract.rules;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** A checked action of a rule; {@code path} locates it in the program for run-time errors. */
public sealed interface RuleAction {

    String path();

    /** Sets state field {@code field} to {@code value}, which has the field's type. */
    record SetField(String path, String field, Expr value) implements RuleAction {
    }

    /** Emits event {@code event} with the values of {@code fields}. */
    record Emit(String path, String event, SortedMap<String, Expr> fields) implements RuleAction {
        public Emit {
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }
    }

    /** Sends {@code command} to the address {@code target} evaluates to, with a payload of {@code payload}'s values. */
    record Send(String path, Expr target, String command, SortedMap<String, Expr> payload) implements RuleAction {
        public Send {
            payload = Collections.unmodifiableSortedMap(new TreeMap<>(payload));
        }
    }

    /** Refuses the command: nothing the command did is kept. */
    record Fail(String path, String code, String message) implements RuleAction {
    }
}
