package org.fogledger.simulator.behaviour;

import org.fogledger.simulator.report.CheckResult;

/**
 * Every data flow the consents in force deny is really not delivered: each data request the simulator expects to be
 * denied (no consent, a withdrawn consent, a recipient the consent does not name) is a case, and any reading handed
 * over is a violation.
 */
final class DeniedFlowCheck {
    static final String NAME = "every denied data flow is not delivered";

    private final CheckTally tally = new CheckTally(NAME);

    /** A request that should have been denied, and how many readings the gateway handed over for it. */
    void denied(String deviceId, String recipient, String why, int readingsDelivered) {
        if (readingsDelivered == 0) {
            tally.passed();
        } else {
            tally.violated(deviceId + " to " + recipient + " (" + why + "): " + readingsDelivered
                    + " reading(s) delivered");
        }
    }

    CheckResult result() {
        return tally.result();
    }
}
