package org.fogledger.ledger.contract.authority;

import java.util.List;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * What {@link ChainChecker#authorityOf} answers: the agent's valid chain, from its root down to the agent's own
 * link, or the reason it has none.
 *
 * @param chain  the links from the root to the agent when valid; empty otherwise
 * @param reason why there is no valid chain; null when valid
 */
public record ChainAnswer(PublicKey agent, long atMillis, boolean valid, List<Delegation> chain, String reason) {

    public ChainAnswer {
        chain = List.copyOf(chain);
    }

    static ChainAnswer valid(PublicKey agent, long atMillis, List<Delegation> chain) {
        return new ChainAnswer(agent, atMillis, true, chain, null);
    }

    static ChainAnswer none(PublicKey agent, long atMillis, String reason) {
        return new ChainAnswer(agent, atMillis, false, List.of(), reason);
    }

    /** The agent's own link (the last of the chain); only for a valid answer. */
    public Delegation link() {
        return chain.get(chain.size() - 1);
    }
}
