package org.fogledger.ledger.contract.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.DecisionAction;

/**
 * The narrowing rule of policies: a lower-rank policy may narrow what a higher-rank one allows, never widen it
 * (deny overrides). Rule by rule, against each higher policy that sets that rule:
 *
 * <table>
 *   <caption>what narrowing means per rule</caption>
 *   <tr><th>rule</th><th>the new document must have</th></tr>
 *   <tr><td>firmware.minimum</td><td>a version at or above theirs</td></tr>
 *   <tr><td>quarantine.afterFailedAuthentications</td><td>a threshold at or below theirs</td></tr>
 *   <tr><td>telemetry.maxPerMinute</td><td>a rate at or below theirs</td></tr>
 *   <tr><td>sharing.allowedPurposes / allowedRecipients</td><td>a subset of their allow-list, and nothing they
 *       deny</td></tr>
 *   <tr><td>decisionRights.&lt;rank&gt;</td><td>a subset of their actions for that rank</td></tr>
 *   <tr><td>equalRanks.&lt;action&gt;</td><td>quorum with k at or above theirs where they demand a quorum</td></tr>
 * </table>
 *
 * A rule the new document leaves out never widens: theirs stays in force in the effective policy. Deny-lists
 * never widen either: more denials only narrow.
 */
public final class PolicyNarrowing implements NarrowingCheck {
    public static final PolicyNarrowing INSTANCE = new PolicyNarrowing();

    private PolicyNarrowing() {
    }

    @Override
    public List<String> widenings(PolicyRules candidate, List<IssuedPolicy> higher, StepMeter meter) {
        List<String> widenings = new ArrayList<>();
        for (IssuedPolicy theirs : higher) {
            meter.charge();
            compare(candidate, theirs.document().rules(), "set by policy " + theirs.ref(), widenings, meter);
        }
        return widenings;
    }

    private static void compare(PolicyRules mine, PolicyRules theirs, String setBy, List<String> widenings,
                                StepMeter meter) {
        if (mine.firmware() != null && theirs.firmware() != null
                && FirmwareVersion.compare(mine.firmware().minimum(), theirs.firmware().minimum()) < 0) {
            widenings.add("rules.firmware.minimum " + mine.firmware().minimum() + " widens "
                    + theirs.firmware().minimum() + " " + setBy);
        }
        if (mine.quarantine() != null && theirs.quarantine() != null && mine.quarantine().afterFailedAuthentications()
                > theirs.quarantine().afterFailedAuthentications()) {
            widenings.add("rules.quarantine.afterFailedAuthentications "
                    + mine.quarantine().afterFailedAuthentications() + " widens "
                    + theirs.quarantine().afterFailedAuthentications() + " " + setBy);
        }
        if (mine.telemetry() != null && theirs.telemetry() != null
                && mine.telemetry().maxPerMinute() > theirs.telemetry().maxPerMinute()) {
            widenings.add("rules.telemetry.maxPerMinute " + mine.telemetry().maxPerMinute() + " widens "
                    + theirs.telemetry().maxPerMinute() + " " + setBy);
        }
        if (mine.sharing() != null && theirs.sharing() != null) {
            allowList(mine.sharing().allowedPurposes(), theirs.sharing().allowedPurposes(),
                    theirs.sharing().deniedPurposes(), "Purposes", setBy, widenings, meter);
            allowList(mine.sharing().allowedRecipients(), theirs.sharing().allowedRecipients(),
                    theirs.sharing().deniedRecipients(), "Recipients", setBy, widenings, meter);
        }
        if (mine.decisionRights() != null && theirs.decisionRights() != null) {
            for (Map.Entry<String, List<DecisionAction>> entry : mine.decisionRights().entrySet()) {
                meter.charge();
                List<DecisionAction> theirActions = theirs.decisionRights().get(entry.getKey());
                if (theirActions != null && !theirActions.containsAll(entry.getValue())) {
                    TreeSet<DecisionAction> added = new TreeSet<>(entry.getValue());
                    added.removeAll(theirActions);
                    widenings.add("rules.decisionRights." + entry.getKey() + " "
                            + PolicyConsistency.join(entry.getValue()) + " widens "
                            + PolicyConsistency.join(theirActions) + " " + setBy + " (adds "
                            + PolicyConsistency.join(added) + ")");
                }
            }
        }
        if (mine.equalRanks() != null && theirs.equalRanks() != null) {
            for (Map.Entry<String, EqualRankArbitration> entry : mine.equalRanks().entrySet()) {
                meter.charge();
                EqualRankArbitration their = theirs.equalRanks().get(entry.getKey());
                if (their != null && !entry.getValue().atLeastAsStrictAs(their)) {
                    widenings.add("rules.equalRanks." + entry.getKey() + " " + entry.getValue() + " widens " + their
                            + " " + setBy);
                }
            }
        }
    }

    private static void allowList(List<String> mine, List<String> theirAllowed, List<String> theirDenied,
                                  String kind, String setBy, List<String> widenings, StepMeter meter) {
        if (mine == null) {
            return;
        }
        String field = "rules.sharing.allowed" + kind;
        if (theirAllowed != null) {
            TreeSet<String> added = new TreeSet<>();
            for (String code : mine) {
                meter.charge();
                if (!theirAllowed.contains(code)) {
                    added.add(code);
                }
            }
            if (!added.isEmpty()) {
                widenings.add(field + " " + PolicyConsistency.join(mine) + " widens "
                        + PolicyConsistency.join(theirAllowed) + " " + setBy + " (adds "
                        + PolicyConsistency.join(added) + ")");
            }
        }
        if (theirDenied != null) {
            TreeSet<String> denied = new TreeSet<>();
            for (String code : mine) {
                meter.charge();
                if (theirDenied.contains(code)) {
                    denied.add(code);
                }
            }
            if (!denied.isEmpty()) {
                widenings.add(field + " " + PolicyConsistency.join(denied) + " widens rules.sharing.denied" + kind
                        + " " + PolicyConsistency.join(theirDenied) + " " + setBy + " (allows what it denies)");
            }
        }
    }
}
