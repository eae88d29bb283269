package org.fogledger.ledger.contract.authority;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.fogledger.ledger.crypto.PublicKey;

/** What is persisted: a delegation made (or replaced), a delegation revoked. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AuthorityEvent.Delegated.class, name = "delegated"),
        @JsonSubTypes.Type(value = AuthorityEvent.Revoked.class, name = "revoked")})
public sealed interface AuthorityEvent {

    /** {@code link} is now the agent's delegation, replacing any earlier one; made at block time {@code blockTimeMillis}. */
    record Delegated(Delegation link, long blockTimeMillis) implements AuthorityEvent {
    }

    /** The agent's delegation was revoked at {@code height} by {@code revokedBy}. */
    record Revoked(PublicKey agent, long height, PublicKey revokedBy, long blockTimeMillis) implements AuthorityEvent {
    }
}
