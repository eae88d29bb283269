package org.fogledger.ledger.contract.sharing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;

/**
 * The sharing contract with a bug planted in the messages it sends the tokens contract, for showing that the
 * conservation property catches it. Everything else is the real contract.
 */
final class BrokenSharing implements Contract<SharingState, SharingEvent> {
    private final SharingContract real = new SharingContract();
    private final Function<List<ContractMessage>, List<ContractMessage>> bug;

    private BrokenSharing(Function<List<ContractMessage>, List<ContractMessage>> bug) {
        this.bug = bug;
    }

    /** Records payments in its books but never takes them out of the escrow: the owner is not paid. */
    static BrokenSharing dropsEscrowPayments() {
        return new BrokenSharing(messages -> messages.stream().filter(m -> !m.command().equals("escrow-pay"))
                .toList());
    }

    /** Sends every payment twice: the owner is paid twice what was metered, out of the consumer's escrow. */
    static BrokenSharing paysEveryReportTwice() {
        return new BrokenSharing(messages -> {
            List<ContractMessage> doubled = new ArrayList<>();
            for (ContractMessage message : messages) {
                doubled.add(message);
                if (message.command().equals("escrow-pay")) {
                    doubled.add(message);
                }
            }
            return doubled;
        });
    }

    /** Ends sessions without refunding: what the consumer did not use stays locked in the escrow. */
    static BrokenSharing keepsRefunds() {
        return new BrokenSharing(messages -> messages.stream().filter(m -> !m.command().equals("escrow-refund"))
                .toList());
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public Class<SharingState> stateType() {
        return real.stateType();
    }

    @Override
    public Class<SharingEvent> eventType() {
        return real.eventType();
    }

    @Override
    public SharingState initialState(String instance) {
        return real.initialState(instance);
    }

    @Override
    public Outcome<SharingEvent> handle(SharingState state, Invocation invocation, StepMeter meter) {
        Outcome<SharingEvent> outcome = real.handle(state, invocation, meter);
        return new Outcome<>(outcome.events(), outcome.result(), bug.apply(outcome.messages()));
    }

    @Override
    public SharingState apply(SharingState state, SharingEvent event) {
        return real.apply(state, event);
    }

    @Override
    public byte[] query(SharingState state, String query, byte[] argument) {
        return real.query(state, query, argument);
    }
}
