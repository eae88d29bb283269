package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.fogledger.ledger.crypto.PublicKey;

/** What happened to an owner's consents. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ConsentEvent.Granted.class, name = "granted"),
        @JsonSubTypes.Type(value = ConsentEvent.Withdrawn.class, name = "withdrawn")})
public sealed interface ConsentEvent {

    String consentId();

    /** The owner granted {@code terms} in the block at {@code height}, whose time was {@code at}. */
    record Granted(String consentId, PublicKey owner, ConsentTerms terms, long at, long height)
            implements ConsentEvent {
    }

    /** The owner withdrew the consent in the block at {@code height}, whose time was {@code at}. */
    record Withdrawn(String consentId, long at, long height) implements ConsentEvent {
    }
}
