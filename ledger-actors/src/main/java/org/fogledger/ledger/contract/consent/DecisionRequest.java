package org.fogledger.ledger.contract.consent;

import java.util.Objects;

/**
 * A question to the decision point: may {@code recipient} perform {@code action} for {@code purpose} on data of
 * class {@code dataClass} from {@code device}, at block time {@code at}?
 *
 * @param device    the device the data comes from
 * @param dataClass the class of the data, e.g. LOINC 8867-4 (heart rate); compared by system and code
 * @param action    a {@link ConsentAction} code: collect, access, use, disclose, correct, aggregate
 * @param purpose   a v3 PurposeOfUse code, e.g. TREAT
 * @param recipient who asks
 * @param at        when the access happens, in block-time milliseconds: the decision reads the consents in force
 *                  then, so asking about the past gives the answer of the past
 * @param dataTime  when the data was produced (for {@code dataPeriod}); absent means {@code at}, data collected now
 */
public record DecisionRequest(String device, Coding dataClass, String action, String purpose, Recipient recipient,
                              Long at, Long dataTime) {

    public DecisionRequest {
        if (device == null || device.isEmpty()) {
            throw new IllegalArgumentException("device is required");
        }
        if (dataClass == null || dataClass.system() == null || dataClass.code() == null) {
            throw new IllegalArgumentException("dataClass with system and code is required");
        }
        if (action == null || ConsentAction.ofCode(action).isEmpty()) {
            throw new IllegalArgumentException("action '" + action + "' is not one of "
                    + ConsentAction.describeAll());
        }
        if (!PurposeOfUse.isCode(purpose)) {
            throw new IllegalArgumentException("purpose '" + purpose + "' is not a v3 PurposeOfUse code");
        }
        Objects.requireNonNull(recipient, "recipient is required");
        Objects.requireNonNull(at, "at (block-time milliseconds) is required");
    }

    public DecisionRequest(String device, Coding dataClass, ConsentAction action, String purpose,
                           Recipient recipient, long at) {
        this(device, dataClass, action.code(), purpose, recipient, at, null);
    }

    public DecisionRequest withAction(ConsentAction newAction) {
        return new DecisionRequest(device, dataClass, newAction.code(), purpose, recipient, at, dataTime);
    }

    public DecisionRequest withPurpose(String newPurpose) {
        return new DecisionRequest(device, dataClass, action, newPurpose, recipient, at, dataTime);
    }

    public DecisionRequest withRecipient(Recipient newRecipient) {
        return new DecisionRequest(device, dataClass, action, purpose, newRecipient, at, dataTime);
    }

    public DecisionRequest atTime(long time) {
        return new DecisionRequest(device, dataClass, action, purpose, recipient, time, dataTime);
    }

    public DecisionRequest withDataTime(long time) {
        return new DecisionRequest(device, dataClass, action, purpose, recipient, at, time);
    }

    public long effectiveDataTime() {
        return dataTime == null ? at : dataTime;
    }
}
