package org.fogledger.ledger.contract.rules;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a rule program's instance persists. Generic, since programs are data: a field set, an event the program
 * named, the configuration.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RuleEvent.Configured.class, name = "configured"),
        @JsonSubTypes.Type(value = RuleEvent.FieldSet.class, name = "field-set"),
        @JsonSubTypes.Type(value = RuleEvent.EventEmitted.class, name = "event-emitted")})
public sealed interface RuleEvent {

    /** The instance was configured by {@code init}. */
    record Configured(SortedMap<String, Value> config) implements RuleEvent {
        public Configured {
            config = Collections.unmodifiableSortedMap(new TreeMap<>(config));
        }
    }

    /** A {@code set} action gave state field {@code field} a new value. */
    record FieldSet(String field, Value value) implements RuleEvent {
        public FieldSet {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    /** An {@code emit} action: the program's own event {@code event} with its fields. Changes no state. */
    record EventEmitted(String event, SortedMap<String, Value> fields) implements RuleEvent {
        public EventEmitted {
            Objects.requireNonNull(event, "event");
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }
    }
}
