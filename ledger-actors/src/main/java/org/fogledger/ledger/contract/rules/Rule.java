package org.fogledger.ledger.contract.rules;

import java.util.List;

/**
 * A checked rule: when {@code condition} (boolean; null for always) holds, run {@code actions} in order.
 *
 * @param path where it is in the program, e.g. {@code commands.report-stock.rules[1]}
 */
public record Rule(String path, Expr condition, List<RuleAction> actions) {

    public Rule {
        actions = List.copyOf(actions);
    }
}
