package org.fogledger.ledger.contract.rules;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A checked command: its typed parameters and its rules, in the order they run. */
public record RuleCommand(String name, SortedMap<String, ValueType> params, List<Rule> rules) {

    public RuleCommand {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        rules = List.copyOf(rules);
    }

    /**
     * The most steps one execution of this command can charge, as {@link RuleContract} charges them: one for the
     * command, one per payload field, one per rule, its condition's nodes, one per action and its expressions'
     * nodes. The language has no loops, so this bound is exact when every condition holds.
     *
     * @param payloadFields how many fields the payload has: the params, or for init the config entries
     */
    public long worstCaseSteps(int payloadFields) {
        long steps = 1 + payloadFields;
        for (Rule rule : rules) {
            steps += 1 + (rule.condition() == null ? 0 : rule.condition().size());
            for (RuleAction action : rule.actions()) {
                steps += 1 + expressionNodes(action);
            }
        }
        return steps;
    }

    private static long expressionNodes(RuleAction action) {
        if (action instanceof RuleAction.SetField set) {
            return set.value().size();
        }
        if (action instanceof RuleAction.Emit emit) {
            return emit.fields().values().stream().mapToLong(Expr::size).sum();
        }
        if (action instanceof RuleAction.Send send) {
            return send.target().size() + send.payload().values().stream().mapToLong(Expr::size).sum();
        }
        return 0;
    }
}
