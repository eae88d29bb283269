package org.fogledger.ledger.contract.arbitration;

import java.util.List;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;

/**
 * Test only: an impostor of the policy contract under another name. Command {@code relay} sends {@code settle} with
 * the transaction's payload (an {@link AgentDecision}) to {@code arbitration/<its deviceId>}, as the policy contract
 * does once it has ruled; the arbitration must refuse it.
 */
final class PolicyStandIn implements Contract<PolicyStandIn.Nothing, PolicyStandIn.Nothing> {
    private final String name;

    PolicyStandIn(String name) {
        this.name = name;
    }

    record Nothing() {
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<Nothing> stateType() {
        return Nothing.class;
    }

    @Override
    public Class<Nothing> eventType() {
        return Nothing.class;
    }

    @Override
    public Nothing initialState(String instance) {
        return new Nothing();
    }

    @Override
    public Outcome<Nothing> handle(Nothing state, Invocation invocation, StepMeter meter) {
        AgentDecision decision = ContractJson.read(invocation.payload(), AgentDecision.class, name + ".relay");
        return Outcome.<Nothing>answer(ContractResult.ok("relayed"))
                .withMessages(List.of(new ContractMessage(ContractAddress.of(ArbitrationContract.NAME,
                        decision.deviceId()), "settle", invocation.payload())));
    }

    @Override
    public Nothing apply(Nothing state, Nothing event) {
        return state;
    }

    @Override
    public byte[] query(Nothing state, String query, byte[] argument) {
        return ContractJson.write(state);
    }
}
