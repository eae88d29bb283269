package org.fogledger.ledger.contract.tokens;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What happened to balances and escrows. Each event moves tokens from one place to another; only {@link Minted}
 * makes new ones, and none loses any.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TokensEvent.Minted.class, name = "minted"),
        @JsonSubTypes.Type(value = TokensEvent.Transferred.class, name = "transferred"),
        @JsonSubTypes.Type(value = TokensEvent.EscrowOpened.class, name = "escrow-opened"),
        @JsonSubTypes.Type(value = TokensEvent.EscrowFunded.class, name = "escrow-funded"),
        @JsonSubTypes.Type(value = TokensEvent.EscrowPaid.class, name = "escrow-paid"),
        @JsonSubTypes.Type(value = TokensEvent.EscrowRefunded.class, name = "escrow-refunded")})
public sealed interface TokensEvent {

    /** New tokens credited to {@code to}; the supply grows by {@code amount}. */
    record Minted(String to, long amount) implements TokensEvent {
    }

    record Transferred(String from, String to, long amount) implements TokensEvent {
    }

    /** {@code amount} moved from the payer's balance into a new escrow. */
    record EscrowOpened(String id, String payer, String controller, List<String> payees, long amount,
                        long expiresAt) implements TokensEvent {
        public EscrowOpened {
            payees = payees == null ? null : List.copyOf(payees);
        }
    }

    /** {@code amount} more moved from the payer's balance into the escrow. */
    record EscrowFunded(String id, long amount) implements TokensEvent {
    }

    /** {@code amount} moved from the escrow to {@code to}. */
    record EscrowPaid(String id, String to, long amount) implements TokensEvent {
    }

    /** What the escrow still held went back to its payer; the escrow is closed. */
    record EscrowRefunded(String id, String payer, long amount) implements TokensEvent {
    }
}
