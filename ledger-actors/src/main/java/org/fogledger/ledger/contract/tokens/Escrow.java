package org.fogledger.ledger.contract.tokens;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * Tokens a payer set aside for payments that someone else, the controller, decides on: a service contract that
 * pays a supplier when stock runs low, say. Only the controller pays out, only to the payees (any account when
 * {@code payees} is null), and only before {@code expiresAt}; the payer gets the rest back after expiry, or at
 * any time the controller chooses to refund. A closed escrow keeps its id, so the id is never reused.
 *
 * @param payer      the account the tokens came from and go back to
 * @param controller the account that may pay and refund: a contract address (authorised as caller) or a key
 * @param payees     the accounts payments may go to, sorted; null for any
 * @param expiresAt  block time (ms) from which no payment is made and the payer may refund
 * @param funded     all tokens ever put in
 * @param paid       all tokens paid out to payees
 * @param refunded   tokens returned to the payer
 * @param closed     refunded; nothing more happens to it
 */
public record Escrow(String payer, String controller, List<String> payees, long expiresAt, long funded, long paid,
                     long refunded, boolean closed) {

    public Escrow {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(controller, "controller");
        payees = payees == null ? null : List.copyOf(payees);
    }

    /** The tokens it still holds. */
    @JsonIgnore
    public long remaining() {
        return funded - paid - refunded;
    }

    public boolean allowsPayee(String account) {
        return payees == null || payees.contains(account);
    }

    public boolean expiredAt(long blockTimeMillis) {
        return blockTimeMillis >= expiresAt;
    }

    Escrow fundedWith(long amount) {
        return new Escrow(payer, controller, payees, expiresAt, Math.addExact(funded, amount), paid, refunded,
                closed);
    }

    Escrow paidOut(long amount) {
        return new Escrow(payer, controller, payees, expiresAt, funded, Math.addExact(paid, amount), refunded,
                closed);
    }

    Escrow refundedAll(long amount) {
        return new Escrow(payer, controller, payees, expiresAt, funded, paid, Math.addExact(refunded, amount),
                true);
    }
}
