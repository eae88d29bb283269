package org.fogledger.ledger.contract.registry;

/**
 * The legitimacy table: whether a device may connect now, and which declaration decided it. Checked in this order,
 * the first that applies wins:
 * <ol>
 *   <li>not registered: rejected;</li>
 *   <li>destroyed: rejected (terminal; a block no longer matters);</li>
 *   <li>stolen: blocked, decided by the theft declaration;</li>
 *   <li>a block in force: blocked, decided by the block;</li>
 *   <li>a hold the arbitration contract enacted: blocked, the reason saying "blocked by arbitration" or
 *       "quarantined by arbitration", decided by the enactment (whose declarer is the winning agent);</li>
 *   <li>operational or public access: admitted;</li>
 *   <li>every other phase (registered, commissioned, in transit, received, stored, sold, obsolete,
 *       decommissioned): rejected, decided by the declaration that led there.</li>
 * </ol>
 * A stolen device that is also blocked is reported as stolen: that is what a gateway should act on.
 */
public final class LegitimacyRules {
    private LegitimacyRules() {
    }

    public static Legitimacy judge(DeviceState state) {
        if (state instanceof RegisteredDevice device) {
            return judge(device);
        }
        return new Legitimacy(state.deviceId(), Verdict.REJECTED, "not registered", null, null, null);
    }

    private static Legitimacy judge(RegisteredDevice device) {
        HistoryEntry decided = device.phaseDecidedBy();
        if (device.phase() == Phase.DESTROYED) {
            return verdict(device, Verdict.REJECTED, "destroyed (" + decided.describe() + ")", decided);
        }
        if (device.phase() == Phase.STOLEN) {
            return verdict(device, Verdict.BLOCKED, "declared stolen (" + decided.describe() + ")", decided);
        }
        if (device.block() != null) {
            return verdict(device, Verdict.BLOCKED, "blocked (" + device.block().describe() + ")", device.block());
        }
        if (device.arbitrationHold() != null) {
            return verdict(device, Verdict.BLOCKED, device.arbitrationHold().describe(),
                    device.arbitrationHold().entry());
        }
        String why = switch (device.phase()) {
            case OPERATIONAL -> "operational at " + device.location();
            case PUBLIC_ACCESS -> "in public access at " + device.location();
            case REGISTERED -> "registered, not yet commissioned";
            case COMMISSIONED -> "commissioned, not yet installed";
            case IN_TRANSIT -> "in transit, not installed";
            case RECEIVED -> "received, not yet installed";
            case STORED -> "in storage, not installed";
            case SOLD -> "resold, not yet installed by its new owner";
            case OBSOLETE -> "obsolete, out of support";
            case DECOMMISSIONED -> "decommissioned";
            case STOLEN, DESTROYED -> throw new IllegalStateException("handled above: " + device.phase());
        };
        Verdict verdict = device.phase() == Phase.OPERATIONAL || device.phase() == Phase.PUBLIC_ACCESS
                ? Verdict.ADMITTED : Verdict.REJECTED;
        return verdict(device, verdict, why + " (" + decided.describe() + ")", decided);
    }

    private static Legitimacy verdict(RegisteredDevice device, Verdict verdict, String reason, HistoryEntry decided) {
        return new Legitimacy(device.deviceId(), verdict, reason, device.phase(), device.location(), decided);
    }
}
