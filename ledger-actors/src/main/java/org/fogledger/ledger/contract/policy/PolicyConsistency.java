package org.fogledger.ledger.contract.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.authority.Rank;

/**
 * Finds the rules of one (canonical) document that contradict each other, each clash naming both rules:
 * <ul>
 *   <li>a purpose or a recipient both allowed and denied;</li>
 *   <li>a quorum whose k is below 1 or above {@value PolicyLimits#MAX_QUORUM}, or a k other than 1 given with
 *       first-committed;</li>
 *   <li>a rank allowed an action that the same document denies to a higher rank it also lists (authority flows
 *       down: a site cannot do in a scope what its region may not).</li>
 * </ul>
 */
public final class PolicyConsistency {

    private PolicyConsistency() {
    }

    /** The clashes, in a fixed order; empty when the document is consistent. */
    public static List<String> clashes(PolicyRules rules, StepMeter meter) {
        List<String> clashes = new ArrayList<>();
        SharingRule sharing = rules.sharing();
        if (sharing != null) {
            both(sharing.allowedPurposes(), sharing.deniedPurposes(), "rules.sharing.allowedPurposes",
                    "rules.sharing.deniedPurposes", clashes, meter);
            both(sharing.allowedRecipients(), sharing.deniedRecipients(), "rules.sharing.allowedRecipients",
                    "rules.sharing.deniedRecipients", clashes, meter);
        }
        if (rules.equalRanks() != null) {
            for (Map.Entry<String, EqualRankArbitration> entry : rules.equalRanks().entrySet()) {
                meter.charge();
                EqualRankArbitration rule = entry.getValue();
                String field = "rules.equalRanks." + entry.getKey();
                if (rule.rule() == EqualRankRule.QUORUM && (rule.k() < 1 || rule.k() > PolicyLimits.MAX_QUORUM)) {
                    clashes.add(field + ".k " + rule.k() + " contradicts " + field + ".rule quorum, which needs"
                            + " 1 to " + PolicyLimits.MAX_QUORUM + " agents");
                }
                if (rule.rule() == EqualRankRule.FIRST_COMMITTED && rule.k() != null && rule.k() != 1) {
                    clashes.add(field + ".k " + rule.k() + " contradicts " + field + ".rule first-committed, which"
                            + " needs one agent");
                }
            }
        }
        if (rules.decisionRights() != null) {
            for (Rank lower : Rank.values()) {
                List<DecisionAction> lowerActions = rules.decisionRights().get(lower.wireName());
                if (lowerActions == null) {
                    continue;
                }
                for (Rank higher : Rank.values()) {
                    meter.charge();
                    List<DecisionAction> higherActions = rules.decisionRights().get(higher.wireName());
                    if (!lower.isBelow(higher) || higherActions == null) {
                        continue;
                    }
                    TreeSet<DecisionAction> exceeding = new TreeSet<>(lowerActions);
                    exceeding.removeAll(higherActions);
                    if (!exceeding.isEmpty()) {
                        clashes.add("rules.decisionRights." + lower + " allows " + join(exceeding)
                                + ", which rules.decisionRights." + higher + " denies to the higher rank " + higher);
                    }
                }
            }
        }
        return clashes;
    }

    private static void both(List<String> allowed, List<String> denied, String allowedField, String deniedField,
                             List<String> clashes, StepMeter meter) {
        if (allowed == null || denied == null) {
            return;
        }
        TreeSet<String> common = new TreeSet<>();
        for (String code : allowed) {
            meter.charge();
            if (denied.contains(code)) {
                common.add(code);
            }
        }
        if (!common.isEmpty()) {
            clashes.add(allowedField + " " + join(common) + " contradicts " + deniedField + " " + join(common));
        }
    }

    static String join(java.util.Collection<?> values) {
        StringBuilder out = new StringBuilder("[");
        for (Object value : values) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(value);
        }
        return out.append(']').toString();
    }
}
