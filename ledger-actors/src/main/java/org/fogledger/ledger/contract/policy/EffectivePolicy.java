package org.fogledger.ledger.contract.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.arbitration.DecisionAction;

/**
 * What applies to devices at {@code path}: the meet (deny overrides) of the newest version of every policy whose
 * scope contains the path, each rule with the documents that set it. Absent rules are unconstrained.
 *
 * @param path              the device path (or scope) asked about
 * @param policies          the documents in force there, highest rank first, then widest scope first
 * @param firmwareMinimum   the highest minimum
 * @param quarantineAfterFailedAuthentications the lowest threshold
 * @param telemetryMaxPerMinute the lowest rate
 * @param allowedPurposes   the intersection of every allow-list, less every denied purpose
 * @param deniedPurposes    every denied purpose, with the first document that denies it
 * @param allowedRecipients as for purposes
 * @param deniedRecipients  as for purposes
 * @param decisionRights    by rank: the intersection of the actions every document allows that rank
 * @param equalRanks        by action: the strictest equal-rank rule
 */
public record EffectivePolicy(String path, List<String> policies, Sourced<String> firmwareMinimum,
                              Sourced<Integer> quarantineAfterFailedAuthentications,
                              Sourced<Integer> telemetryMaxPerMinute, Sourced<List<String>> allowedPurposes,
                              SortedMap<String, String> deniedPurposes, Sourced<List<String>> allowedRecipients,
                              SortedMap<String, String> deniedRecipients,
                              SortedMap<String, Sourced<List<DecisionAction>>> decisionRights,
                              SortedMap<String, Sourced<EqualRankArbitration>> equalRanks) {

    /** Whether no policy covers the path. */
    public boolean coversNothing() {
        return policies.isEmpty();
    }

    /** The effective rules as one document's rules would write them (without their sources). */
    public PolicyRules asRules() {
        SharingRule sharing = allowedPurposes == null && deniedPurposes.isEmpty() && allowedRecipients == null
                && deniedRecipients.isEmpty() ? null : new SharingRule(
                allowedPurposes == null ? null : allowedPurposes.value(),
                deniedPurposes.isEmpty() ? null : new ArrayList<>(deniedPurposes.keySet()),
                allowedRecipients == null ? null : allowedRecipients.value(),
                deniedRecipients.isEmpty() ? null : new ArrayList<>(deniedRecipients.keySet()));
        TreeMap<String, List<DecisionAction>> rights = new TreeMap<>();
        for (Map.Entry<String, Sourced<List<DecisionAction>>> entry : decisionRights.entrySet()) {
            rights.put(entry.getKey(), entry.getValue().value());
        }
        TreeMap<String, EqualRankArbitration> equal = new TreeMap<>();
        for (Map.Entry<String, Sourced<EqualRankArbitration>> entry : equalRanks.entrySet()) {
            equal.put(entry.getKey(), entry.getValue().value());
        }
        return new PolicyRules(
                firmwareMinimum == null ? null : new FirmwareRule(firmwareMinimum.value()),
                quarantineAfterFailedAuthentications == null ? null
                        : new QuarantineRule(quarantineAfterFailedAuthentications.value()),
                telemetryMaxPerMinute == null ? null : new TelemetryRule(telemetryMaxPerMinute.value()),
                sharing, rights.isEmpty() ? null : rights, equal.isEmpty() ? null : equal);
    }
}
