package org.fogledger.ledger.contract.policy;

import java.util.List;

/**
 * One rule of an effective policy and the documents that set it ({@code /eu/fr@3 (region)}): for a bound, the
 * document whose value is the strictest (the first in order on a tie); for an allow-list or a rank's decision
 * rights, every document that constrained it.
 */
public record Sourced<T>(T value, List<String> setBy) {

    public Sourced {
        setBy = List.copyOf(setBy);
    }
}
