package org.fogledger.ledger.wire;

/**
 * One module's contribution to the wire registrations. A module lists its registrar in its own
 * {@code reference.conf}, keyed by the module's name so the modules' files merge instead of overwriting:
 *
 * <pre>
 * fogledger.serialization.kryo.registrars {
 *   agents = "org.fogledger.agents.wire.AgentsKryoRegistrar"
 * }
 * </pre>
 *
 * The key must be one of the names in {@link KryoIdRange}, and every id registered must lie in that module's
 * range. Implementations need a public no-argument constructor; they are instantiated by reflection once per
 * serializer and must register the same classes with the same ids every time (ids are the wire format).
 */
public interface KryoRegistrar {
    void register(KryoRegistry registry);
}
