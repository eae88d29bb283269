package org.fogledger.ledger.contract.arbitration;

import org.fogledger.ledger.contract.registry.DeviceHold;

/**
 * What {@code arbitration/<deviceId>} sends to {@code registry/<deviceId>} (command {@code enact}) when the device's
 * effective hold changes: the new hold, the decision that brought the change, and the arbitration's reason.
 *
 * @param deviceId  the device
 * @param hold      the hold now in force: blocked, quarantined, or open (the arbitration's hold lifted)
 * @param decidedBy the decision whose settlement changed the hold (the winner, or the agent whose own earlier
 *                  decision it replaced)
 * @param reason    the settlement's reason, as recorded in the arbitration's outcome
 */
public record Enactment(String deviceId, DeviceHold hold, AgentDecision decidedBy, String reason) {
    /** The longest reason the registry accepts: a settlement's reason names two decisions with their keys. */
    public static final int MAX_REASON_LENGTH = 2048;
}
