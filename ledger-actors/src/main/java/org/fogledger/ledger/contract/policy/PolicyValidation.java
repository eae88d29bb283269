package org.fogledger.ledger.contract.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.DevicePath;

/**
 * Checks that a policy document is well formed and within bounds, and returns its canonical form: lists sorted,
 * empty rule groups dropped, so two spellings of one policy (JSON or YAML, any order) are the same bytes. Whether
 * the rules agree with each other is {@link PolicyConsistency}'s question; whether they agree with other policies,
 * {@link PolicyNarrowing}'s.
 */
public final class PolicyValidation {
    // The characters of a contract instance key: codes and ids read the same in a log, a URL and a JSON key.
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1," + PolicyLimits.MAX_CODE_LENGTH + "}");

    private PolicyValidation() {
    }

    /**
     * The canonical form of {@code document}, or a refusal with code {@code malformed-payload} whose reason names
     * {@code what} and the field ({@code rules.telemetry.maxPerMinute}).
     */
    public static PolicyDocument canonical(PolicyDocument document, String what, StepMeter meter) {
        if (document == null) {
            throw malformed(what, "document", "is required");
        }
        String scope = DevicePath.validateScope(document.scope(), what, "scope", meter);
        Long version = document.version();
        if (version == null) {
            throw malformed(what, "version", "is required");
        }
        if (version < 1) {
            throw malformed(what, "version", version + " must be at least 1");
        }
        PolicyRules rules = document.rules() == null ? PolicyRules.NONE : document.rules();
        return new PolicyDocument(scope, version, new PolicyRules(firmware(rules.firmware(), what),
                quarantine(rules.quarantine(), what), telemetry(rules.telemetry(), what),
                sharing(rules.sharing(), what, meter), decisionRights(rules.decisionRights(), what, meter),
                equalRanks(rules.equalRanks(), what, meter)));
    }

    private static FirmwareRule firmware(FirmwareRule rule, String what) {
        if (rule == null || rule.minimum() == null) {
            return null;
        }
        if (!FirmwareVersion.isValid(rule.minimum())) {
            throw malformed(what, "rules.firmware.minimum", "'" + abbreviate(rule.minimum()) + "' is not a dotted"
                    + " numeric version (1 to " + FirmwareVersion.MAX_SEGMENTS + " segments of 1 to 9 digits, e.g."
                    + " 2.4.1)");
        }
        return rule;
    }

    private static QuarantineRule quarantine(QuarantineRule rule, String what) {
        if (rule == null || rule.afterFailedAuthentications() == null) {
            return null;
        }
        int n = rule.afterFailedAuthentications();
        if (n < 1 || n > PolicyLimits.MAX_FAILED_AUTHENTICATIONS) {
            throw malformed(what, "rules.quarantine.afterFailedAuthentications", n + " must be 1 to "
                    + PolicyLimits.MAX_FAILED_AUTHENTICATIONS);
        }
        return rule;
    }

    private static TelemetryRule telemetry(TelemetryRule rule, String what) {
        if (rule == null || rule.maxPerMinute() == null) {
            return null;
        }
        int rate = rule.maxPerMinute();
        if (rate < 0 || rate > PolicyLimits.MAX_MESSAGES_PER_MINUTE) {
            throw malformed(what, "rules.telemetry.maxPerMinute", rate + " must be 0 to "
                    + PolicyLimits.MAX_MESSAGES_PER_MINUTE);
        }
        return rule;
    }

    private static SharingRule sharing(SharingRule rule, String what, StepMeter meter) {
        if (rule == null) {
            return null;
        }
        SharingRule canonical = new SharingRule(
                codes(rule.allowedPurposes(), what, "rules.sharing.allowedPurposes", meter),
                codes(rule.deniedPurposes(), what, "rules.sharing.deniedPurposes", meter),
                codes(rule.allowedRecipients(), what, "rules.sharing.allowedRecipients", meter),
                codes(rule.deniedRecipients(), what, "rules.sharing.deniedRecipients", meter));
        return canonical.allowedPurposes() == null && canonical.deniedPurposes() == null
                && canonical.allowedRecipients() == null && canonical.deniedRecipients() == null ? null : canonical;
    }

    private static List<String> codes(List<String> codes, String what, String field, StepMeter meter) {
        if (codes == null) {
            return null;
        }
        if (codes.size() > PolicyLimits.MAX_LIST_ENTRIES) {
            throw malformed(what, field, "has " + codes.size() + " entries, more than " + PolicyLimits.MAX_LIST_ENTRIES);
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (int i = 0; i < codes.size(); i++) {
            meter.charge();
            String code = codes.get(i);
            if (code == null) {
                throw malformed(what, field + "[" + i + "]", "is null");
            }
            if (!CODE.matcher(code).matches()) {
                throw malformed(what, field + "[" + i + "]", "'" + abbreviate(code) + "' must be 1-"
                        + PolicyLimits.MAX_CODE_LENGTH + " characters of A-Z a-z 0-9 . _ : @ / + = -");
            }
            if (!sorted.add(code)) {
                throw malformed(what, field + "[" + i + "]", "'" + code + "' is listed twice");
            }
        }
        return List.copyOf(sorted);
    }

    private static SortedMap<String, List<DecisionAction>> decisionRights(
            SortedMap<String, List<DecisionAction>> rights, String what, StepMeter meter) {
        if (rights == null) {
            return null;
        }
        TreeMap<String, List<DecisionAction>> canonical = new TreeMap<>();
        for (Map.Entry<String, List<DecisionAction>> entry : rights.entrySet()) {
            String field = "rules.decisionRights." + entry.getKey();
            Rank rank;
            try {
                rank = Rank.fromWireName(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw malformed(what, "rules.decisionRights", e.getMessage());
            }
            List<DecisionAction> actions = entry.getValue();
            if (actions == null) {
                throw malformed(what, field, "is null; write [] for no action");
            }
            TreeSet<DecisionAction> sorted = new TreeSet<>();
            for (int i = 0; i < actions.size(); i++) {
                meter.charge();
                if (actions.get(i) == null) {
                    throw malformed(what, field + "[" + i + "]", "is null");
                }
                if (!sorted.add(actions.get(i))) {
                    throw malformed(what, field + "[" + i + "]", "'" + actions.get(i) + "' is listed twice");
                }
            }
            canonical.put(rank.wireName(), List.copyOf(sorted));
        }
        return canonical.isEmpty() ? null : Collections.unmodifiableSortedMap(canonical);
    }

    private static SortedMap<String, EqualRankArbitration> equalRanks(SortedMap<String, EqualRankArbitration> rules,
                                                                      String what, StepMeter meter) {
        if (rules == null) {
            return null;
        }
        TreeMap<String, EqualRankArbitration> canonical = new TreeMap<>();
        for (Map.Entry<String, EqualRankArbitration> entry : rules.entrySet()) {
            meter.charge();
            String field = "rules.equalRanks." + entry.getKey();
            DecisionAction action;
            try {
                action = DecisionAction.fromWireName(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw malformed(what, "rules.equalRanks", e.getMessage());
            }
            EqualRankArbitration rule = entry.getValue();
            if (rule == null || rule.rule() == null) {
                throw malformed(what, field + ".rule", "is required (first-committed or quorum)");
            }
            if (rule.rule() == EqualRankRule.QUORUM && rule.k() == null) {
                throw malformed(what, field + ".k", "is required with quorum");
            }
            canonical.put(action.wireName(), rule);
        }
        return canonical.isEmpty() ? null : Collections.unmodifiableSortedMap(canonical);
    }

    static ContractRefusal malformed(String what, String field, String problem) {
        return new ContractRefusal("malformed-payload", what + ": field '" + field + "' " + problem);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
