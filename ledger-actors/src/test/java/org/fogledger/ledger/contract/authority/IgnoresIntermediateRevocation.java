package org.fogledger.ledger.contract.authority;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The planted bug: a chain checker that looks at the agent's own link for revocation, but not at the links above
 * it (so revoking a region would not reach its sites). Everything else as in {@link AuthorityChain}.
 */
final class IgnoresIntermediateRevocation implements ChainChecker {
    @Override
    public ChainAnswer authorityOf(DelegationGraph graph, PublicKey agent, long atMillis, StepMeter meter) {
        List<Delegation> upwards = new ArrayList<>();
        PublicKey current = agent;
        while (upwards.size() < AuthorityChain.MAX_DEPTH) {
            meter.charge();
            Delegation link = graph.linkOf(current);
            if (link == null) {
                return ChainAnswer.none(agent, atMillis, "no delegation");
            }
            if (upwards.isEmpty() && link.isRevoked()) {
                return ChainAnswer.none(agent, atMillis, "revoked");
            }
            if (link.expiredAt(atMillis)) {
                return ChainAnswer.none(agent, atMillis, "expired");
            }
            upwards.add(link);
            if (link.isRoot()) {
                Collections.reverse(upwards);
                return ChainAnswer.valid(agent, atMillis, upwards);
            }
            current = link.delegator();
        }
        return ChainAnswer.none(agent, atMillis, "too deep");
    }
}
