package org.fogledger.ledger.wire;

/**
 * Marker for every message that may cross from one node to another. Pekko binds this interface to
 * {@link KryoSerializer} (see {@code reference.conf}), so a cross-node message needs two things: to implement
 * this interface, and to be registered with a fixed id by its module's {@link KryoRegistrar}.
 *
 * <p>Java serialization is switched off; a message that forgets this marker fails loudly instead of travelling
 * through an unsafe fallback.
 */
public interface WireMessage {
}
