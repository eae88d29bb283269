package org.fogledger.ledger.contract.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.authority.Rank;

/** Random self-consistent policy rules over the oracle's small universe, so documents often overlap and clash. */
final class PolicyArbitraries {

    private PolicyArbitraries() {
    }

    /** Consistent rules an agent of rank {@code issuer} may write (decision rights for its rank and below). */
    static Arbitrary<PolicyRules> rules(Rank issuer) {
        Arbitrary<FirmwareRule> firmware = Arbitraries.of(ReferenceWidening.VERSIONS).map(FirmwareRule::new)
                .injectNull(0.4);
        Arbitrary<QuarantineRule> quarantine = Arbitraries.integers().between(1, ReferenceWidening.MAX_FAILURES)
                .map(QuarantineRule::new).injectNull(0.4);
        Arbitrary<TelemetryRule> telemetry = Arbitraries.of(ReferenceWidening.RATES).map(TelemetryRule::new)
                .injectNull(0.4);
        Arbitrary<SharingRule> sharing = Combinators.combine(allowDeny(ReferenceWidening.PURPOSES),
                allowDeny(ReferenceWidening.RECIPIENTS)).as((purposes, recipients) -> new SharingRule(
                purposes.get(0), purposes.get(1), recipients.get(0), recipients.get(1))).injectNull(0.3);
        StepMeter meter = new StepMeter(Long.MAX_VALUE);
        return Combinators.combine(firmware, quarantine, telemetry, sharing, rights(issuer), equalRanks())
                .as(PolicyRules::new)
                .map(rules -> PolicyValidation.canonical(new PolicyDocument("/", 1L, rules), "generated", meter)
                        .rules())
                .filter(rules -> PolicyConsistency.clashes(rules, meter).isEmpty());
    }

    /** [allowed, denied], each null or a list, disjoint: every code is allowed, denied or neither. */
    private static Arbitrary<List<List<String>>> allowDeny(List<String> universe) {
        return Combinators.combine(Arbitraries.integers().between(0, 2).list().ofSize(universe.size()),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as((states, allowList, denyList) -> {
                    List<String> allowed = new ArrayList<>();
                    List<String> denied = new ArrayList<>();
                    for (int i = 0; i < universe.size(); i++) {
                        if (states.get(i) == 1) {
                            allowed.add(universe.get(i));
                        } else if (states.get(i) == 2) {
                            denied.add(universe.get(i));
                        }
                    }
                    List<List<String>> both = new ArrayList<>();
                    both.add(allowList ? allowed : null);
                    both.add(denyList ? denied : null);
                    return both;
                });
    }

    private static Arbitrary<TreeMap<String, List<DecisionAction>>> rights(Rank issuer) {
        List<Rank> ranks = new ArrayList<>();
        for (Rank rank : Rank.values()) {
            if (rank == issuer || rank.isBelow(issuer)) {
                ranks.add(rank);
            }
        }
        Arbitrary<Set<DecisionAction>> actions = Arbitraries.subsetOf(ReferenceWidening.ACTIONS);
        return actions.injectNull(0.5).list().ofSize(ranks.size()).map(perRank -> {
            TreeMap<String, List<DecisionAction>> rights = new TreeMap<>();
            for (int i = 0; i < ranks.size(); i++) {
                if (perRank.get(i) != null) {
                    rights.put(ranks.get(i).wireName(), List.copyOf(perRank.get(i)));
                }
            }
            return rights.isEmpty() ? null : rights;
        });
    }

    private static Arbitrary<TreeMap<String, EqualRankArbitration>> equalRanks() {
        Arbitrary<EqualRankArbitration> rule = Arbitraries.oneOf(
                Arbitraries.just(new EqualRankArbitration(EqualRankRule.FIRST_COMMITTED, null)),
                Arbitraries.integers().between(1, 4).map(k -> new EqualRankArbitration(EqualRankRule.QUORUM, k)));
        return Combinators.combine(rule.injectNull(0.5), rule.injectNull(0.5)).as((block, quarantine) -> {
            TreeMap<String, EqualRankArbitration> rules = new TreeMap<>();
            if (block != null) {
                rules.put(DecisionAction.BLOCK.wireName(), block);
            }
            if (quarantine != null) {
                rules.put(DecisionAction.QUARANTINE.wireName(), quarantine);
            }
            return rules.isEmpty() ? null : rules;
        });
    }
}
