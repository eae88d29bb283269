package org.fogledger.ledger.contract.policy;

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
 * Test only: forwards whatever it is asked to another contract, under any name. Named {@code registry} it stands in
 * for the registry's {@code vet-decision} hop (which locates the device and checks the jurisdiction before it
 * messages the policy contract); named {@code impostor} it is a contract the policy contract must refuse.
 */
final class ForwardingContract implements Contract<ForwardingContract.Idle, ForwardingContract.Forwarded> {
    private final String name;

    ForwardingContract(String name) {
        this.name = name;
    }

    /** Command {@code forward}: send {@code command} with {@code payload} (JSON text) to {@code target}. */
    record Forward(String target, String command, String payload) {
    }

    record Idle() {
    }

    record Forwarded(String target) {
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<Idle> stateType() {
        return Idle.class;
    }

    @Override
    public Class<Forwarded> eventType() {
        return Forwarded.class;
    }

    @Override
    public Idle initialState(String instance) {
        return new Idle();
    }

    @Override
    public Outcome<Forwarded> handle(Idle state, Invocation invocation, StepMeter meter) {
        if (!invocation.command().equals("forward")) {
            throw new ContractRefusal("unknown-command", name + " only forwards");
        }
        Forward forward = ContractJson.read(invocation.payload(), Forward.class, name + ".forward");
        return Outcome.<Forwarded>answer(ContractResult.ok("forwarded")).withMessages(List.of(new ContractMessage(
                ContractAddress.parse(forward.target()), forward.command(),
                forward.payload().getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public Idle apply(Idle state, Forwarded event) {
        return state;
    }
}
