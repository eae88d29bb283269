package org.fogledger.ledger.contract.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What tokens tells an escrow's controller contract when the payer asks it to ({@code memo} on
 * {@code escrow-open}): the message {@code escrow-opened}, sent by {@code tokens/_} right after the escrow was
 * opened. A controller that trusts these facts checks that the caller is {@link TokensContract#ADDRESS}: then the
 * escrow exists and holds {@code amount}, set aside by {@code payer}, whoever else claims otherwise. This is how a
 * service contract learns of a payment it may not read from the tokens state itself (contracts cannot read each
 * other), and how a payer tells it what the tokens are for ({@code memo}, which tokens passes on unread).
 *
 * @param memo the payer's object for the controller, as given
 */
public record EscrowOpenedNotice(String id, String payer, String controller, List<String> payees, long amount,
                                 long expiresAt, JsonNode memo) {

    /** The command tokens sends the controller. */
    public static final String COMMAND = "escrow-opened";

    public EscrowOpenedNotice {
        payees = payees == null ? null : List.copyOf(payees);
    }
}
