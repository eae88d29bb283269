package org.fogledger.ledger.wire;

/** A registrar with a mistake: two classes under one id. The node must refuse to start. */
public final class DuplicateIdRegistrar implements KryoRegistrar {
    @Override
    public void register(KryoRegistry registry) {
        registry.register(SampleMessages.Blob.class, 8100);
        registry.register(SampleMessages.Holder.class, 8100);
    }
}
