package org.fogledger.ledger.contract.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.authority.AuthorityContract;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.Hash;

/**
 * Narrowing, checked against an oracle that probes instead of comparing lists ({@link ReferenceWidening}), and the
 * effective policy of random chains of documents, applied through the contract's own {@code apply}.
 */
class PolicyProperties {

    /** Random documents of a root, a region and a site, over nested scopes, each rank's document tried in turn. */
    record Chain(PolicyRules root, PolicyRules region, PolicyRules site, PolicyRules siteRetry) {
    }

    @Provide
    Arbitrary<Chain> chains() {
        return Combinators.combine(PolicyArbitraries.rules(Rank.ROOT), PolicyArbitraries.rules(Rank.REGION),
                PolicyArbitraries.rules(Rank.SITE), PolicyArbitraries.rules(Rank.SITE)).as(Chain::new);
    }

    @Provide
    Arbitrary<List<PolicyRules>> pairs() {
        return Combinators.combine(PolicyArbitraries.rules(Rank.REGION), PolicyArbitraries.rules(Rank.SITE))
                .as(List::of);
    }

    /** The checker finds exactly the rules the oracle finds widened: neither too lax nor too strict. */
    @Property(tries = 400)
    void narrowingFindsExactlyTheWidenedRules(@ForAll("pairs") List<PolicyRules> pair) {
        assertEquals(Optional.empty(), disagreement(PolicyNarrowing.INSTANCE, pair.get(1), pair.get(0)));
    }

    /**
     * For random chains of documents committed through the contract (those it accepts), no committed document is
     * wider than a higher-rank one in force over it, and the effective policy is never wider than any of them.
     */
    @Property(tries = 300)
    void theEffectivePolicyIsNeverWiderThanAnyCommittedDocument(@ForAll("chains") Chain chain) {
        List<IssuedPolicy> committed = new ArrayList<>();
        assertEquals(Optional.empty(), chainViolation(PolicyNarrowing.INSTANCE, chain, committed));
        // The property means something only if chains of several documents get committed.
        Statistics.label("documents committed").collect(committed.size());
        Statistics.label("documents committed").coverage(coverage -> {
            coverage.check(2).percentage(p -> p > 15);
            coverage.check(3).percentage(p -> p > 5);
        });
    }

    @Property(tries = 100)
    void theEffectivePolicyIsTheSameWhateverTheOrderOfItsDocuments(@ForAll("chains") Chain chain) {
        List<IssuedPolicy> policies = List.of(issued("/", 1, Rank.ROOT, chain.root()),
                issued("/eu", 1, Rank.REGION, chain.region()), issued("/eu/fr", 1, Rank.SITE, chain.site()));
        List<IssuedPolicy> reversed = new ArrayList<>(policies);
        java.util.Collections.reverse(reversed);
        StepMeter meter = new StepMeter(Long.MAX_VALUE);
        assertEquals(EffectivePolicies.meet("/eu/fr", policies, meter).asRules(),
                EffectivePolicies.meet("/eu/fr", reversed, meter).asRules());
    }

    // --- the planted bug: a checker that ignores the telemetry rate -------------------------------------------

    @Example
    void aCheckerThatIgnoresTheRateLimitDisagreesWithTheOracle() {
        List<String> found = pairs().sampleStream().limit(2_000)
                .map(pair -> disagreement(new IgnoresTelemetryRate(), pair.get(1), pair.get(0)))
                .flatMap(Optional::stream).limit(1).toList();
        assertEquals(1, found.size(), "the planted bug went unnoticed");
        assertTrue(found.get(0).contains("rules.telemetry.maxPerMinute"), found.get(0));
    }

    @Example
    void aContractWithACheckerThatIgnoresTheRateLimitCommitsAWiderDocument() {
        List<String> found = chains().sampleStream().limit(2_000)
                .map(chain -> chainViolation(new IgnoresTelemetryRate(), chain, new ArrayList<>()))
                .flatMap(Optional::stream).limit(1).toList();
        assertEquals(1, found.size(), "the planted bug went unnoticed");
        assertTrue(found.get(0).contains("rules.telemetry.maxPerMinute"), found.get(0));
    }

    // --- the checks, for any checker ----------------------------------------------------------------------------

    /** How {@code checker} and the oracle disagree on whether {@code candidate} widens {@code higher}, if they do. */
    static Optional<String> disagreement(NarrowingCheck checker, PolicyRules candidate, PolicyRules higher) {
        Set<String> found = new TreeSet<>();
        for (String widening : checker.widenings(candidate, List.of(issued("/eu", 1, Rank.REGION, higher)),
                new StepMeter(Long.MAX_VALUE))) {
            found.add(widening.substring(0, widening.indexOf(' ')));
        }
        Set<String> expected = ReferenceWidening.widenings(candidate, higher);
        return found.equals(expected) ? Optional.empty() : Optional.of("checker found " + found + ", oracle "
                + expected + " for " + candidate + " under " + higher);
    }

    /** Applies the chain through the contract; a committed document wider than one above it, or than the meet. */
    static Optional<String> chainViolation(NarrowingCheck checker, Chain chain, List<IssuedPolicy> committed) {
        PolicyContract contract = new PolicyContract(checker);
        PolicyState state = PolicyState.EMPTY;
        Object[][] steps = {{"/", Rank.ROOT, chain.root()}, {"/eu", Rank.REGION, chain.region()},
                {"/eu/fr", Rank.SITE, chain.site()}, {"/eu/fr/lyon", Rank.SITE, chain.siteRetry()}};
        for (Object[] step : steps) {
            PolicyDocument document = new PolicyDocument((String) step[0], 1L, (PolicyRules) step[2]);
            PolicyCommand.Apply apply = new PolicyCommand.Apply(Policies.ISSUER, (Rank) step[1], "/", document);
            ExecutionContext context = new ExecutionContext(1, 0, 1_000, Policies.ISSUER, AuthorityContract.ADDRESS,
                    Hash.ZERO);
            try {
                Outcome<PolicyEvent> outcome = contract.handle(state, new Invocation(PolicyContract.ADDRESS, "apply",
                        ContractJson.write(apply), context), new StepMeter(100_000));
                for (PolicyEvent event : outcome.events()) {
                    state = contract.apply(state, event);
                    committed.add(((PolicyEvent.Applied) event).policy());
                }
            } catch (ContractRefusal refused) {
                if (!refused.code().equals("widens-policy")) {
                    return Optional.of("unexpected refusal " + refused.code() + ": " + refused.getMessage());
                }
            }
        }
        for (IssuedPolicy lower : committed) {
            for (IssuedPolicy higher : committed) {
                if (lower.rank().isBelow(higher.rank())) {
                    Set<String> widened = ReferenceWidening.widenings(lower.document().rules(),
                            higher.document().rules());
                    if (!widened.isEmpty()) {
                        return Optional.of("committed " + lower.ref() + " widens " + higher.ref() + ": " + widened);
                    }
                }
            }
        }
        EffectivePolicy effective = EffectivePolicies.meet("/eu/fr/lyon/ward-3",
                state.inForceOver("/eu/fr/lyon/ward-3", new StepMeter(Long.MAX_VALUE)), new StepMeter(Long.MAX_VALUE));
        for (IssuedPolicy policy : committed) {
            Set<String> widened = ReferenceWidening.widenings(effective.asRules(), policy.document().rules());
            if (!widened.isEmpty()) {
                return Optional.of("the effective policy widens " + policy.ref() + ": " + widened);
            }
        }
        return Optional.empty();
    }

    private static IssuedPolicy issued(String scope, long version, Rank rank, PolicyRules rules) {
        return new IssuedPolicy(new PolicyDocument(scope, version, rules), rank, Policies.ISSUER, "/", 1, 0, 0);
    }

}
