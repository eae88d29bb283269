package org.fogledger.ledger.contract.authority;

import java.util.List;
import java.util.Optional;
import org.fogledger.ledger.contract.registry.DevicePath;

/**
 * What every valid chain must be, checked independently of the checker that produced it: it starts at a root, each
 * link is the agent's current recorded link, neither revoked nor expired, delegated by the agent of the link above,
 * of a strictly lower rank and over a jurisdiction within the one above.
 */
final class ChainInvariant {
    private ChainInvariant() {
    }

    static Optional<String> violation(DelegationGraph graph, ChainAnswer answer, long atMillis) {
        if (!answer.valid()) {
            return Optional.empty();
        }
        List<Delegation> chain = answer.chain();
        if (chain.isEmpty() || !chain.get(0).isRoot() || !graph.isRoot(chain.get(0).agent())) {
            return Optional.of("chain does not start at a root: " + chain);
        }
        if (!chain.get(chain.size() - 1).agent().equals(answer.agent())) {
            return Optional.of("chain does not end at the agent");
        }
        for (int i = 0; i < chain.size(); i++) {
            Delegation link = chain.get(i);
            if (!link.equals(graph.linkOf(link.agent()))) {
                return Optional.of("link " + i + " is not the agent's current link");
            }
            if (link.isRevoked()) {
                return Optional.of("link " + i + " was revoked at height " + link.revokedAtHeight());
            }
            if (link.expiredAt(atMillis)) {
                return Optional.of("link " + i + " expired at " + link.expiresAtMillis());
            }
            if (i > 0) {
                Delegation parent = chain.get(i - 1);
                if (!link.delegator().equals(parent.agent())) {
                    return Optional.of("link " + i + " was not delegated by the agent above it");
                }
                if (!link.rank().isBelow(parent.rank())) {
                    return Optional.of("link " + i + " rank " + link.rank() + " not below " + parent.rank());
                }
                if (!DevicePath.isWithin(link.jurisdiction(), parent.jurisdiction())) {
                    return Optional.of("link " + i + " jurisdiction " + link.jurisdiction() + " not within "
                            + parent.jurisdiction());
                }
            }
        }
        return Optional.empty();
    }
}
