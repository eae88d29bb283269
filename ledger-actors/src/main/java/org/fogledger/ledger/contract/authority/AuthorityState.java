package org.fogledger.ledger.contract.authority;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The delegations made so far, by agent (tagged hex), revoked ones kept; the roots are not state but the
 * contract's construction (from genesis).
 *
 * @param lastBlockTimeMillis the block time of the last delegation or revocation: the default time of a query
 */
public record AuthorityState(SortedMap<String, Delegation> delegations, long lastBlockTimeMillis) {
    public static final AuthorityState EMPTY = new AuthorityState(new TreeMap<>(), 0);

    public AuthorityState {
        delegations = Collections.unmodifiableSortedMap(new TreeMap<>(delegations));
    }
}
