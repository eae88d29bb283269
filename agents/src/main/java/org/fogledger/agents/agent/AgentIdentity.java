package org.fogledger.agents.agent;

import java.util.Objects;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * Who an agent is: its id (also its sharding entity id and persistence id), its signing key, its rank and the
 * jurisdiction (a device path scope such as {@code /eu/fr}) it is configured for. The ledger has the last word on
 * rank and jurisdiction (the authority contract's delegation); these are what the agent expects to hold, and what
 * it checks locally before it signs anything.
 */
public record AgentIdentity(String id, KeyPair key, Rank rank, String jurisdiction) {
    /** Longest agent id: it is a sharding entity id and part of a persistence id. */
    public static final int MAX_ID_LENGTH = 64;

    public AgentIdentity {
        requireId(id);
        Objects.requireNonNull(key, "key of agent " + id);
        Objects.requireNonNull(rank, "rank of agent " + id);
        try {
            DevicePath.validateScope(jurisdiction, "agent " + id, "jurisdiction", new StepMeter(Long.MAX_VALUE));
        } catch (ContractRefusal e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** An agent id: 1-64 characters of a-z, 0-9, '-' and '_'. */
    public static String requireId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("agent id '" + id + "' is not valid: use 1-" + MAX_ID_LENGTH
                    + " characters of a-z, 0-9, '-' and '_'");
        }
        return id;
    }

    /** The public key as the ledger writes it (hex of the tagged encoding). */
    public String keyHex() {
        return org.fogledger.ledger.contract.ContractJson.hex(key.publicKey());
    }

    @Override
    public String toString() {
        // Never the private key.
        return "AgentIdentity[" + id + ", " + rank + " over " + jurisdiction + ", key " + key.publicKey() + "]";
    }
}
