package org.fogledger.ledger.contract.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.DecisionAction;

/**
 * Combines the policies in force over a path into the {@link EffectivePolicy}: for every rule the strictest of
 * what any of them says (deny overrides). The order of the documents (highest rank first, widest scope first)
 * only decides which document is named when two set the same strictest value; the rules themselves do not depend
 * on it.
 */
public final class EffectivePolicies {

    private EffectivePolicies() {
    }

    public static EffectivePolicy meet(String path, List<IssuedPolicy> inForce, StepMeter meter) {
        List<String> policies = new ArrayList<>();
        Sourced<String> firmware = null;
        Sourced<Integer> quarantine = null;
        Sourced<Integer> telemetry = null;
        TreeSet<String> allowedPurposes = null;
        List<String> allowedPurposesBy = new ArrayList<>();
        TreeMap<String, String> deniedPurposes = new TreeMap<>();
        TreeSet<String> allowedRecipients = null;
        List<String> allowedRecipientsBy = new ArrayList<>();
        TreeMap<String, String> deniedRecipients = new TreeMap<>();
        TreeMap<String, TreeSet<DecisionAction>> rights = new TreeMap<>();
        TreeMap<String, List<String>> rightsBy = new TreeMap<>();
        TreeMap<String, Sourced<EqualRankArbitration>> equalRanks = new TreeMap<>();
        for (IssuedPolicy policy : inForce) {
            meter.charge();
            String ref = policy.ref().toString();
            policies.add(ref);
            PolicyRules rules = policy.document().rules();
            if (rules.firmware() != null && (firmware == null
                    || FirmwareVersion.compare(rules.firmware().minimum(), firmware.value()) > 0)) {
                firmware = new Sourced<>(rules.firmware().minimum(), List.of(ref));
            }
            if (rules.quarantine() != null && (quarantine == null
                    || rules.quarantine().afterFailedAuthentications() < quarantine.value())) {
                quarantine = new Sourced<>(rules.quarantine().afterFailedAuthentications(), List.of(ref));
            }
            if (rules.telemetry() != null && (telemetry == null
                    || rules.telemetry().maxPerMinute() < telemetry.value())) {
                telemetry = new Sourced<>(rules.telemetry().maxPerMinute(), List.of(ref));
            }
            SharingRule sharing = rules.sharing();
            if (sharing != null) {
                if (sharing.allowedPurposes() != null) {
                    allowedPurposes = intersect(allowedPurposes, sharing.allowedPurposes(), meter);
                    allowedPurposesBy.add(ref);
                }
                if (sharing.allowedRecipients() != null) {
                    allowedRecipients = intersect(allowedRecipients, sharing.allowedRecipients(), meter);
                    allowedRecipientsBy.add(ref);
                }
                deny(deniedPurposes, sharing.deniedPurposes(), ref, meter);
                deny(deniedRecipients, sharing.deniedRecipients(), ref, meter);
            }
            if (rules.decisionRights() != null) {
                for (Map.Entry<String, List<DecisionAction>> entry : rules.decisionRights().entrySet()) {
                    meter.charge();
                    TreeSet<DecisionAction> actions = rights.get(entry.getKey());
                    if (actions == null) {
                        rights.put(entry.getKey(), new TreeSet<>(entry.getValue()));
                    } else {
                        actions.retainAll(entry.getValue());
                    }
                    rightsBy.computeIfAbsent(entry.getKey(), rank -> new ArrayList<>()).add(ref);
                }
            }
            if (rules.equalRanks() != null) {
                for (Map.Entry<String, EqualRankArbitration> entry : rules.equalRanks().entrySet()) {
                    meter.charge();
                    Sourced<EqualRankArbitration> current = equalRanks.get(entry.getKey());
                    if (current == null || !current.value().atLeastAsStrictAs(entry.getValue())) {
                        equalRanks.put(entry.getKey(), new Sourced<>(canonical(entry.getValue()), List.of(ref)));
                    }
                }
            }
        }
        TreeMap<String, Sourced<List<DecisionAction>>> decisionRights = new TreeMap<>();
        for (Map.Entry<String, TreeSet<DecisionAction>> entry : rights.entrySet()) {
            decisionRights.put(entry.getKey(), new Sourced<>(List.copyOf(entry.getValue()),
                    rightsBy.get(entry.getKey())));
        }
        return new EffectivePolicy(path, policies, firmware, quarantine, telemetry,
                allowed(allowedPurposes, deniedPurposes, allowedPurposesBy),
                deniedPurposes, allowed(allowedRecipients, deniedRecipients, allowedRecipientsBy),
                deniedRecipients, decisionRights, equalRanks);
    }

    private static EqualRankArbitration canonical(EqualRankArbitration rule) {
        return rule.k() == null ? rule : new EqualRankArbitration(rule.rule(), rule.quorum());
    }

    private static TreeSet<String> intersect(TreeSet<String> sofar, List<String> more, StepMeter meter) {
        meter.charge(more.size());
        if (sofar == null) {
            return new TreeSet<>(more);
        }
        sofar.retainAll(more);
        return sofar;
    }

    private static void deny(SortedMap<String, String> denied, List<String> more, String ref, StepMeter meter) {
        if (more == null) {
            return;
        }
        for (String code : more) {
            meter.charge();
            denied.putIfAbsent(code, ref);
        }
    }

    private static Sourced<List<String>> allowed(TreeSet<String> allowed, SortedMap<String, String> denied,
                                                 List<String> setBy) {
        if (allowed == null) {
            return null;
        }
        TreeSet<String> permitted = new TreeSet<>(allowed);
        permitted.removeAll(denied.keySet());
        return new Sourced<>(List.copyOf(permitted), setBy);
    }
}
