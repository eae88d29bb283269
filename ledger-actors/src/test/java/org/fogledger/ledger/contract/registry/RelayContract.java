package org.fogledger.ledger.contract.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;

/**
 * Test only: a contract that forwards whatever it is asked to another contract, under any name. Named
 * {@code authority} it stands in for the real authority contract (which checks agents' delegation chains before it
 * messages the registry); under another name it is the impostor the registry must refuse.
 */
final class RelayContract implements Contract<RelayContract.Relay, RelayContract.Forwarded> {
    private final String name;

    RelayContract(String name) {
        this.name = name;
    }

    /** What to forward: command {@code command} with {@code payload} (JSON text) to {@code target}. */
    record Forward(String target, String command, String payload) {
    }

    record Relay() {
    }

    record Forwarded(String target) {
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<Relay> stateType() {
        return Relay.class;
    }

    @Override
    public Class<Forwarded> eventType() {
        return Forwarded.class;
    }

    @Override
    public Relay initialState(String instance) {
        return new Relay();
    }

    @Override
    public Outcome<Forwarded> handle(Relay state, Invocation invocation, StepMeter meter) {
        if (!invocation.command().equals("forward")) {
            throw new ContractRefusal("unknown-command", "relay only forwards");
        }
        Forward forward = ContractJson.read(invocation.payload(), Forward.class, name + ".forward");
        ContractMessage message = new ContractMessage(ContractAddress.parse(forward.target()), forward.command(),
                forward.payload().getBytes(StandardCharsets.UTF_8));
        return Outcome.<Forwarded>answer(ContractResult.ok("forwarded")).withMessages(List.of(message));
    }

    @Override
    public Relay apply(Relay state, Forwarded event) {
        return state;
    }
}
