package org.fogledger.ledger.wire;

/** Registers the sample messages in the ids kept for tests. */
public final class WireTestRegistrar implements KryoRegistrar {
    @Override
    public void register(KryoRegistry registry) {
        registry.register(SampleMessages.Vote.class, 8000);
        registry.register(SampleMessages.Ping.class, 8001);
        registry.register(SampleMessages.Tags.class, 8002);
        registry.register(SampleMessages.Blob.class, 8003);
        registry.register(SampleMessages.Holder.class, 8004);
    }
}
