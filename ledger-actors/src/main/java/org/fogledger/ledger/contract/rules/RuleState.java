package org.fogledger.ledger.contract.rules;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of one instance of a rule program: its configuration (empty until {@code init}) and its fields, as
 * typed values.
 *
 * @param configured whether the instance may run commands: after {@code init}, or from the start for a program
 *                   without config
 */
public record RuleState(boolean configured, SortedMap<String, Value> config, SortedMap<String, Value> fields) {

    public RuleState {
        config = Collections.unmodifiableSortedMap(new TreeMap<>(config));
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    RuleState apply(RuleEvent event) {
        if (event instanceof RuleEvent.Configured configuredEvent) {
            return new RuleState(true, configuredEvent.config(), fields);
        }
        if (event instanceof RuleEvent.FieldSet set) {
            TreeMap<String, Value> next = new TreeMap<>(fields);
            next.put(set.field(), set.value());
            return new RuleState(configured, config, next);
        }
        return this;
    }
}
