package org.fogledger.agents.gateway;

import org.fogledger.ledger.wire.KryoRegistrar;
import org.fogledger.ledger.wire.KryoRegistry;

/**
 * The gateways' wire registrations, ids 2500-2999 of the agents module's 2000-3999 (agent actors have 2000-2499).
 * Ids are the wire format: never renumber or reuse one; retire it with a comment instead.
 */
public final class GatewayKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(KryoRegistry registry) {
        // 2500-2519: audit proofs (the anchored batch holding a record).
        registry.register(Gateway.FindAnchoredBatch.class, 2500);
        registry.register(AnchoredBatchAnswer.Found.class, 2501);
        registry.register(AnchoredBatchAnswer.Missing.class, 2502);
    }
}
