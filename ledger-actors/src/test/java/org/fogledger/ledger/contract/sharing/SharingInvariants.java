package org.fogledger.ledger.contract.sharing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.contract.tokens.Escrow;
import org.fogledger.ledger.contract.tokens.TokensState;

/**
 * What must hold between the tokens contract and the sharing instances after every block. Sums are exact, so a
 * wrapped sum cannot hide a violation. Returns the violations found, empty when all is sound.
 *
 * <ul>
 *   <li>tokens are neither made nor lost: balances plus what escrows hold equal the supply, and the supply is what
 *       the mints that succeeded added; nothing is negative; a closed escrow holds nothing;</li>
 *   <li>each session's books add up: {@code paid = unitsPaid * price <= funded = unitsBudget * price}, and an ended
 *       session refunded exactly what was not paid;</li>
 *   <li>sharing's books are the tokens contract's: what each instance says it paid is what its escrows paid out;
 *       an open session's escrow has the session's payer, payee and payments; an ended session's escrow is
 *       closed;</li>
 *   <li>each owner holds exactly what their devices' sessions paid (the generator gives owners nothing else).</li>
 * </ul>
 */
final class SharingInvariants {

    private SharingInvariants() {
    }

    /**
     * @param devices by device id, the owner's account (each owner's tokens come from sessions only)
     * @param minted  the sum of the mints that succeeded
     */
    static List<String> violations(TokensState tokens, Map<String, SharingState> devices,
                                   Map<String, String> ownerOf, BigInteger minted) {
        List<String> found = new ArrayList<>();
        BigInteger held = BigInteger.ZERO;
        for (Map.Entry<String, Long> balance : tokens.balances().entrySet()) {
            if (balance.getValue() <= 0) {
                found.add("account " + balance.getKey() + " is listed with balance " + balance.getValue());
            }
            held = held.add(BigInteger.valueOf(balance.getValue()));
        }
        for (Map.Entry<String, Escrow> entry : tokens.escrows().entrySet()) {
            Escrow escrow = entry.getValue();
            BigInteger remaining = BigInteger.valueOf(escrow.funded()).subtract(BigInteger.valueOf(escrow.paid()))
                    .subtract(BigInteger.valueOf(escrow.refunded()));
            if (remaining.signum() < 0 || escrow.paid() < 0 || escrow.refunded() < 0) {
                found.add("escrow " + entry.getKey() + " holds " + remaining + " (paid " + escrow.paid()
                        + ", refunded " + escrow.refunded() + ")");
            }
            if (escrow.closed() && remaining.signum() != 0) {
                found.add("closed escrow " + entry.getKey() + " still holds " + remaining);
            }
            held = held.add(remaining);
        }
        if (!held.equals(BigInteger.valueOf(tokens.supply())) || !minted.equals(BigInteger.valueOf(tokens.supply()))) {
            found.add("balances and escrows hold " + held + ", the supply is " + tokens.supply() + " and mints added "
                    + minted);
        }
        java.util.TreeMap<String, BigInteger> earned = new java.util.TreeMap<>();
        for (Map.Entry<String, SharingState> device : devices.entrySet()) {
            String controller = SharingContract.NAME + "/" + device.getKey();
            SharingState state = device.getValue();
            List<Session> sessions = new ArrayList<>(state.open().values());
            sessions.addAll(state.ended());
            for (Session session : sessions) {
                sessionBooks(session, controller, tokens.escrows().get(session.id()), found);
            }
            BigInteger paidOut = BigInteger.ZERO;
            for (Escrow escrow : tokens.escrows().values()) {
                if (escrow.controller().equals(controller)) {
                    paidOut = paidOut.add(BigInteger.valueOf(escrow.paid()));
                }
            }
            if (!paidOut.equals(BigInteger.valueOf(state.totals().paid()))) {
                found.add(controller + " says it paid " + state.totals().paid() + " but its escrows paid out "
                        + paidOut);
            }
            earned.merge(ownerOf.get(device.getKey()), BigInteger.valueOf(state.totals().paid()), BigInteger::add);
        }
        for (Map.Entry<String, BigInteger> owner : earned.entrySet()) {
            if (!owner.getValue().equals(BigInteger.valueOf(tokens.balance(owner.getKey())))) {
                found.add("owner " + owner.getKey() + " holds " + tokens.balance(owner.getKey())
                        + " but their sessions paid " + owner.getValue());
            }
        }
        return found;
    }

    private static void sessionBooks(Session session, String controller, Escrow escrow, List<String> found) {
        String name = controller + " session " + session.id();
        BigInteger cost = BigInteger.valueOf(session.unitsPaid()).multiply(BigInteger.valueOf(session.price()));
        if (!cost.equals(BigInteger.valueOf(session.paid())) || session.paid() < 0
                || session.paid() > session.funded() || session.unitsPaid() > session.unitsBudget()) {
            found.add(name + " paid " + session.paid() + " for " + session.unitsPaid() + " of " + session.unitsBudget()
                    + " units at " + session.price() + ", funded " + session.funded());
        }
        if (!BigInteger.valueOf(session.unitsBudget()).multiply(BigInteger.valueOf(session.price()))
                .equals(BigInteger.valueOf(session.funded()))) {
            found.add(name + " is funded " + session.funded() + " for " + session.unitsBudget() + " units at "
                    + session.price());
        }
        if (!session.isOpen() && session.refunded() != session.funded() - session.paid()) {
            found.add(name + " ended refunding " + session.refunded() + " of the " + (session.funded()
                    - session.paid()) + " left");
        }
        if (escrow == null) {
            found.add(name + " has no escrow");
            return;
        }
        if (!escrow.controller().equals(controller) || !escrow.payer().equals(session.consumer())
                || !List.of(session.payee()).equals(escrow.payees())) {
            found.add(name + " does not match its escrow " + escrow);
        }
        if (escrow.paid() != session.paid()) {
            found.add(name + " paid " + session.paid() + " but its escrow paid out " + escrow.paid());
        }
        if (!session.isOpen() && !escrow.closed()) {
            found.add(name + " ended (" + session.status().wireName() + ") but its escrow still holds "
                    + escrow.remaining());
        }
    }
}
