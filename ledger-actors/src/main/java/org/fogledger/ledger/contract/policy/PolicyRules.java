package org.fogledger.ledger.contract.policy;

import java.util.List;
import java.util.SortedMap;
import org.fogledger.ledger.contract.arbitration.DecisionAction;

/**
 * The rules of one policy document. Every field is optional: absent means this document sets no constraint of
 * that kind (other documents in force over the same devices may).
 *
 * @param firmware       devices whose firmware is below a version are blocked
 * @param quarantine     devices are quarantined after a number of failed authentications
 * @param telemetry      the most messages per minute a device may send
 * @param sharing        which purposes and recipients may (or may not) receive the devices' data
 * @param decisionRights by rank wire name ({@code region}): the only actions an agent of that rank may decide on
 *                       devices in scope; a rank not listed is not constrained by this document
 * @param equalRanks     by action wire name ({@code block}): how conflicting decisions of agents of equal rank are
 *                       settled for that action
 */
public record PolicyRules(FirmwareRule firmware, QuarantineRule quarantine, TelemetryRule telemetry,
                          SharingRule sharing, SortedMap<String, List<DecisionAction>> decisionRights,
                          SortedMap<String, EqualRankArbitration> equalRanks) {

    public static final PolicyRules NONE = new PolicyRules(null, null, null, null, null, null);
}
