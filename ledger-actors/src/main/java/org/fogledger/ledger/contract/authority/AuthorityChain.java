package org.fogledger.ledger.contract.authority;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The chain checker. It walks from the agent up through each link's delegator to a root, charging one step per
 * link, and refuses a chain with a missing, revoked or expired link, or deeper than {@value #MAX_DEPTH} links. Then,
 * from the root down, every link must be of a rank strictly below its delegator's and over a jurisdiction within
 * its delegator's. These are checked at every look-up, not only when the link was made, because a delegator's own
 * link may have been replaced since (narrowed or lowered): its former delegates then lose what it no longer holds.
 */
public final class AuthorityChain implements ChainChecker {
    /** The longest chain walked, root included. A valid chain has at most one link per rank (4); more is a loop. */
    public static final int MAX_DEPTH = 8;

    public static final AuthorityChain INSTANCE = new AuthorityChain();

    private AuthorityChain() {
    }

    @Override
    public ChainAnswer authorityOf(DelegationGraph graph, PublicKey agent, long atMillis, StepMeter meter) {
        List<Delegation> upwards = new ArrayList<>();
        PublicKey current = agent;
        while (true) {
            meter.charge();
            if (upwards.size() == MAX_DEPTH) {
                return ChainAnswer.none(agent, atMillis, "the chain of " + ContractJson.hex(agent)
                        + " is longer than " + MAX_DEPTH + " links without reaching a root");
            }
            Delegation link = graph.linkOf(current);
            if (link == null) {
                return ChainAnswer.none(agent, atMillis, ContractJson.hex(current) + " holds no delegation"
                        + (upwards.isEmpty() ? "" : " (it is in the chain of " + ContractJson.hex(agent) + ")"));
            }
            if (link.isRevoked()) {
                return ChainAnswer.none(agent, atMillis, "link " + link.describe() + " revoked at height "
                        + link.revokedAtHeight() + " by " + ContractJson.hex(link.revokedBy()));
            }
            if (link.expiredAt(atMillis)) {
                return ChainAnswer.none(agent, atMillis, "link " + link.describe() + " expired at block time "
                        + link.expiresAtMillis() + " (now " + atMillis + ")");
            }
            upwards.add(link);
            if (link.isRoot()) {
                break;
            }
            current = link.delegator();
        }
        Collections.reverse(upwards);
        for (int i = 1; i < upwards.size(); i++) {
            Delegation parent = upwards.get(i - 1);
            Delegation child = upwards.get(i);
            if (!child.rank().isBelow(parent.rank())) {
                return ChainAnswer.none(agent, atMillis, "link " + child.describe() + " has rank " + child.rank()
                        + ", not below its delegator's rank " + parent.rank());
            }
            if (!DevicePath.isWithin(child.jurisdiction(), parent.jurisdiction())) {
                return ChainAnswer.none(agent, atMillis, "link " + child.describe() + " has jurisdiction '"
                        + child.jurisdiction() + "', not within its delegator's '" + parent.jurisdiction() + "'");
            }
        }
        return ChainAnswer.valid(agent, atMillis, upwards);
    }
}
