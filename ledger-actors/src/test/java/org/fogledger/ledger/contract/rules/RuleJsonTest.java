package org.fogledger.ledger.contract.rules;

import static org.fogledger.ledger.contract.tokens.ContractTestKeys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.contract.ContractJson;
import org.junit.jupiter.api.Test;

/** States and events of rule programs and of the deploy contract read back equal from their JSON. */
class RuleJsonTest {
    static final TreeMap<String, Value> VALUES = new TreeMap<>(Map.of(
            "count", new Value.LongValue(Long.MIN_VALUE),
            "on", Value.BooleanValue.TRUE,
            "label", new Value.StringValue("wm-1 \u00e9"),
            "owner", new Value.KeyValue(key(60).publicKey())));

    @Test
    void rule_states_and_events_round_trip() {
        RuleState state = new RuleState(true, VALUES, VALUES);
        assertEquals(state, ContractJson.readTrusted(ContractJson.write(state), RuleState.class));
        for (RuleEvent event : List.of(new RuleEvent.Configured(VALUES),
                new RuleEvent.FieldSet("count", new Value.LongValue(3)),
                new RuleEvent.EventEmitted("order-placed", VALUES))) {
            assertEquals(event, ContractJson.readTrusted(ContractJson.write(event), RuleEvent.class));
        }
    }

    @Test
    void a_value_is_stored_with_its_type() {
        assertEquals("{\"type\":\"long\",\"value\":3}", ContractJson.writeString(new Value.LongValue(3)));
        assertEquals("{\"type\":\"field-set\",\"field\":\"on\",\"value\":{\"type\":\"boolean\",\"value\":true}}",
                ContractJson.writeString(new RuleEvent.FieldSet("on", Value.BooleanValue.TRUE)));
    }

    @Test
    void deploy_states_and_events_round_trip() {
        DeployedProgram program = new DeployedProgram("{\"name\":\"x\"}", "ab".repeat(32), "cd".repeat(32), 7);
        DeployState state = new DeployState(new TreeMap<>(Map.of("x", program)));
        assertEquals(state, ContractJson.readTrusted(ContractJson.write(state), DeployState.class));
        DeployEvent event = new DeployEvent.ProgramDeployed("x", program);
        assertEquals(event, ContractJson.readTrusted(ContractJson.write(event), DeployEvent.class));
    }
}
