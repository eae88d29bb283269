package org.fogledger.agents.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.contract.policy.EffectivePolicy;
import org.fogledger.ledger.contract.policy.Sourced;

/**
 * Maps the ledger's effective policy at a device's path onto what the gateway enforces: each bound is the stricter
 * of the gateway's own and the ledger's (the highest firmware minimum, the lowest quarantine threshold), the
 * ledger's telemetry rate per minute, and its sharing allow- and deny-lists as they are (the contract already took
 * the meet of every policy in force). Pure.
 */
public final class PolicyMapping {

    private PolicyMapping() {
    }

    /** {@code effective} null: the device has no place, so only the gateway's own policy applies. */
    public static DevicePolicy map(GatewayPolicy local, EffectivePolicy effective) {
        if (effective == null || effective.coversNothing()) {
            return DevicePolicy.local(local);
        }
        String firmware = local.minimumFirmware();
        String firmwareSource = DevicePolicy.LOCAL;
        Sourced<String> ledgerFirmware = effective.firmwareMinimum();
        if (ledgerFirmware != null && (firmware == null || FirmwareVersion.compare(
                FirmwareVersion.parse(ledgerFirmware.value(), "policy firmware minimum"),
                FirmwareVersion.parse(firmware, "minimumFirmware")) >= 0)) {
            firmware = ledgerFirmware.value();
            firmwareSource = "policy " + policies(ledgerFirmware.setBy());
        }
        int quarantine = local.quarantineAfterFailedAuthentications();
        String quarantineSource = DevicePolicy.LOCAL;
        Sourced<Integer> ledgerQuarantine = effective.quarantineAfterFailedAuthentications();
        if (ledgerQuarantine != null && ledgerQuarantine.value() <= quarantine) {
            quarantine = ledgerQuarantine.value();
            quarantineSource = "policy " + policies(ledgerQuarantine.setBy());
        }
        Sourced<Integer> rate = effective.telemetryMaxPerMinute();
        Sourced<List<String>> purposes = effective.allowedPurposes();
        Sourced<List<String>> recipients = effective.allowedRecipients();
        return new DevicePolicy(firmware, firmwareSource, quarantine, quarantineSource,
                local.maxReadingsPerSecond(), rate == null ? null : rate.value(),
                rate == null ? null : "policy " + policies(rate.setBy()),
                purposes == null ? null : purposes.value(), purposes == null ? null : policies(purposes.setBy()),
                named(effective.deniedPurposes()),
                recipients == null ? null : recipients.value(),
                recipients == null ? null : policies(recipients.setBy()),
                named(effective.deniedRecipients()), effective.policies());
    }

    private static TreeMap<String, String> named(Map<String, String> denied) {
        TreeMap<String, String> out = new TreeMap<>();
        denied.forEach((code, by) -> out.put(code, by));
        return out;
    }

    /** {@code [/eu/fr@3 (region)]} -> {@code /eu/fr@3 (region)}; several joined by " and ". */
    private static String policies(List<String> setBy) {
        return setBy.isEmpty() ? "the ledger's policy" : String.join(" and ", new ArrayList<>(setBy));
    }
}
