package org.fogledger.ledger.contract.arbitration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an agent decides about a device. Each decision is a signed transaction, settled by the arbitration contract. */
public enum DecisionAction {
    /** Let the device connect (the opposite of block and quarantine). */
    ADMIT("admit"),
    /** Refuse every connection of the device until released. */
    BLOCK("block"),
    /** Keep the device apart (no data flows to third parties, no commands) until released. */
    QUARANTINE("quarantine"),
    /** Lift a block or a quarantine. */
    RELEASE("release"),
    /** Push a firmware update to the device. */
    UPDATE_FIRMWARE("update-firmware"),
    /** Withdraw third parties' access to the device's data. */
    REVOKE_ACCESS("revoke-access"),
    /** Move the device's administration to another agent or site. */
    TRANSFER("transfer");

    private final String wireName;

    DecisionAction(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Reads the wire name only, never a position. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DecisionAction fromWireName(String wireName) {
        for (DecisionAction action : values()) {
            if (action.wireName.equals(wireName)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown action '" + wireName + "'; actions: admit, block, quarantine,"
                + " release, update-firmware, revoke-access, transfer");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
