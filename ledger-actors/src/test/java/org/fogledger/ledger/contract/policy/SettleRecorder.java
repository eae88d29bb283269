package org.fogledger.ledger.contract.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;

/**
 * Test only: stands in for the arbitration contract (written elsewhere) under its name, and keeps every command it
 * receives with its caller and payload, so a test can read exactly what the policy contract sent.
 */
final class SettleRecorder implements Contract<SettleRecorder.Received, SettleRecorder.Message> {

    record Message(String caller, String command, String payload) {
    }

    record Received(List<Message> messages) {
        Received {
            messages = List.copyOf(messages);
        }
    }

    @Override
    public String name() {
        return PolicyContract.ARBITRATION_CONTRACT;
    }

    @Override
    public Class<Received> stateType() {
        return Received.class;
    }

    @Override
    public Class<Message> eventType() {
        return Message.class;
    }

    @Override
    public Received initialState(String instance) {
        return new Received(List.of());
    }

    @Override
    public Outcome<Message> handle(Received state, Invocation invocation, StepMeter meter) {
        String caller = invocation.context().caller() == null ? null : invocation.context().caller().toString();
        return Outcome.of(ContractResult.ok("recorded"), new Message(caller, invocation.command(),
                new String(invocation.payload(), StandardCharsets.UTF_8)));
    }

    @Override
    public Received apply(Received state, Message event) {
        List<Message> messages = new ArrayList<>(state.messages());
        messages.add(event);
        return new Received(messages);
    }
}
