package org.fogledger.ledger.contract.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;

/**
 * Test oracle: whether one set of rules widens another, decided by probing instead of comparing lists. For every
 * firmware version, failure count, message rate, purpose, recipient, (rank, action) and number of agreeing agents
 * of a small universe, the stated rules of {@code mine} must not permit what {@code theirs} forbids. A rule
 * {@code mine} leaves out is not probed: it sets no constraint, and the meet keeps theirs.
 *
 * <p>Written independently of {@link PolicyNarrowing} (which compares bounds and sets), so that the two agreeing
 * on random documents means something; it answers the names of the widened rules only.
 */
final class ReferenceWidening {
    static final List<String> VERSIONS = List.of("1", "1.5", "2", "2.0.1", "2.4", "2.10", "3");
    static final List<Integer> RATES = List.of(0, 10, 60, 120, 600);
    static final int MAX_FAILURES = 10;
    static final List<String> PURPOSES = List.of("TREAT", "HRESCH", "MARKT", "ETREAT");
    static final List<String> RECIPIENTS = List.of("hospital-a", "lab-b", "insurer-x", "family");
    static final List<DecisionAction> ACTIONS = List.of(DecisionAction.BLOCK, DecisionAction.QUARANTINE,
            DecisionAction.RELEASE, DecisionAction.UPDATE_FIRMWARE);
    static final int MAX_AGENTS = 6;

    private ReferenceWidening() {
    }

    static Set<String> widenings(PolicyRules mine, PolicyRules theirs) {
        Set<String> widened = new TreeSet<>();
        if (mine.firmware() != null) {
            for (String version : VERSIONS) {
                if (admits(mine.firmware(), version) && !admits(theirs.firmware(), version)) {
                    widened.add("rules.firmware.minimum");
                }
            }
        }
        if (mine.quarantine() != null) {
            for (int failures = 0; failures <= MAX_FAILURES + 1; failures++) {
                if (tolerates(mine.quarantine(), failures) && !tolerates(theirs.quarantine(), failures)) {
                    widened.add("rules.quarantine.afterFailedAuthentications");
                }
            }
        }
        if (mine.telemetry() != null) {
            for (int rate : RATES) {
                if (allowsRate(mine.telemetry(), rate) && !allowsRate(theirs.telemetry(), rate)) {
                    widened.add("rules.telemetry.maxPerMinute");
                }
            }
        }
        SharingRule mineSharing = mine.sharing();
        if (mineSharing != null && mineSharing.allowedPurposes() != null) {
            for (String purpose : PURPOSES) {
                if (permits(mineSharing.allowedPurposes(), mineSharing.deniedPurposes(), purpose)
                        && !permits(theirs.sharing() == null ? null : theirs.sharing().allowedPurposes(),
                        theirs.sharing() == null ? null : theirs.sharing().deniedPurposes(), purpose)) {
                    widened.add("rules.sharing.allowedPurposes");
                }
            }
        }
        if (mineSharing != null && mineSharing.allowedRecipients() != null) {
            for (String recipient : RECIPIENTS) {
                if (permits(mineSharing.allowedRecipients(), mineSharing.deniedRecipients(), recipient)
                        && !permits(theirs.sharing() == null ? null : theirs.sharing().allowedRecipients(),
                        theirs.sharing() == null ? null : theirs.sharing().deniedRecipients(), recipient)) {
                    widened.add("rules.sharing.allowedRecipients");
                }
            }
        }
        if (mine.decisionRights() != null) {
            for (Map.Entry<String, List<DecisionAction>> rank : mine.decisionRights().entrySet()) {
                for (DecisionAction action : ACTIONS) {
                    if (rank.getValue().contains(action) && !mayDecide(theirs, rank.getKey(), action)) {
                        widened.add("rules.decisionRights." + rank.getKey());
                    }
                }
            }
        }
        if (mine.equalRanks() != null) {
            for (Map.Entry<String, EqualRankArbitration> rule : mine.equalRanks().entrySet()) {
                EqualRankArbitration their = theirs.equalRanks() == null ? null : theirs.equalRanks().get(rule.getKey());
                for (int agents = 0; agents <= MAX_AGENTS; agents++) {
                    if (takesEffect(rule.getValue(), agents) && !takesEffect(their, agents)) {
                        widened.add("rules.equalRanks." + rule.getKey());
                    }
                }
            }
        }
        return widened;
    }

    private static boolean admits(FirmwareRule rule, String version) {
        return rule == null || FirmwareVersion.compare(version, rule.minimum()) >= 0;
    }

    /** Whether a device with {@code failures} failed authentications is still not quarantined. */
    private static boolean tolerates(QuarantineRule rule, int failures) {
        return rule == null || failures < rule.afterFailedAuthentications();
    }

    private static boolean allowsRate(TelemetryRule rule, int rate) {
        return rule == null || rate <= rule.maxPerMinute();
    }

    private static boolean permits(List<String> allowed, List<String> denied, String code) {
        return (allowed == null || allowed.contains(code)) && (denied == null || !denied.contains(code));
    }

    private static boolean mayDecide(PolicyRules rules, String rank, DecisionAction action) {
        List<DecisionAction> actions = rules.decisionRights() == null ? null : rules.decisionRights().get(rank);
        return actions == null || actions.contains(action);
    }

    /**
     * Whether an action decided by {@code agents} agreeing equal-rank agents takes effect: first-committed lets
     * the first decision stand with no count at all (agents = 0 stands for that), a quorum needs k.
     */
    private static boolean takesEffect(EqualRankArbitration rule, int agents) {
        if (rule == null || rule.rule() == EqualRankRule.FIRST_COMMITTED) {
            return true;
        }
        return agents >= rule.k();
    }
}
