package org.fogledger.ledger.contract.sharing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What happened to a device's offer and sessions, in the past tense; {@link SharingState#apply} folds them. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SharingEvent.Offered.class, name = "offered"),
        @JsonSubTypes.Type(value = SharingEvent.Withdrawn.class, name = "withdrawn"),
        @JsonSubTypes.Type(value = SharingEvent.SessionOpened.class, name = "session-opened"),
        @JsonSubTypes.Type(value = SharingEvent.Metered.class, name = "metered"),
        @JsonSubTypes.Type(value = SharingEvent.SessionEnded.class, name = "session-ended")})
public sealed interface SharingEvent {

    /** The owner's offer, in place of any earlier one. */
    record Offered(Offer offer) implements SharingEvent {
    }

    /** The owner withdrew offer {@code sequence}; open sessions go on. */
    record Withdrawn(long sequence, long at) implements SharingEvent {
    }

    /** The tokens contract reported an escrow that fits the offer: a session opened on it. */
    record SessionOpened(Session session) implements SharingEvent {
    }

    /**
     * A gateway reported {@code unitsReported}; {@code unitsPaid} of them fit the budget and {@code amount} tokens
     * were paid to the owner for them, the rest is {@code unitsOverrun}.
     */
    record Metered(String sessionId, long reportSeq, long unitsReported, long unitsPaid, long amount,
                   long unitsOverrun) implements SharingEvent {
    }

    /** The session ended; {@code refunded} tokens, all the escrow held for it, went back to the consumer. */
    record SessionEnded(String sessionId, SessionStatus status, long refunded, long at, String note)
            implements SharingEvent {
    }
}
