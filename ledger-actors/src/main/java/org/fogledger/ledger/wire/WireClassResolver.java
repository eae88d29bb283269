package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import java.util.Optional;

/**
 * Kryo's class resolver, narrowed to ids. Kryo can also name a class by its name on the wire, and on reading
 * it would load whatever class the sender named before checking registration: the classic deserialization
 * gadget door. This resolver refuses a class name outright, before any class is looked up, and never writes
 * one. It also maps implementations of a {@link KryoRegistry#registerSubtypes registered supertype} to that
 * supertype's registration.
 */
final class WireClassResolver extends DefaultClassResolver {
    private final KryoRegistry registry;

    WireClassResolver(KryoRegistry registry) {
        this.registry = registry;
    }

    @Override
    @SuppressWarnings("rawtypes") // Kryo's signature
    public Registration getRegistration(Class type) {
        Registration registration = super.getRegistration(type);
        if (registration != null) {
            return registration;
        }
        Optional<KryoRegistry.Entry> covering = registry.subtypeEntryFor(type);
        return covering.map(entry -> super.getRegistration(entry.type())).orElse(null);
    }

    @Override
    protected Registration readName(Input input) {
        throw new KryoException("refusing a class named on the wire (only registered ids are accepted)");
    }

    @Override
    @SuppressWarnings("rawtypes") // Kryo's signature
    protected void writeName(Output output, Class type, Registration registration) {
        throw new KryoException("refusing to write class " + type.getName() + " by name; register it with an id");
    }
}
