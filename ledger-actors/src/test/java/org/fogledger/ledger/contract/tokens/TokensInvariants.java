package org.fogledger.ledger.contract.tokens;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What must hold of every tokens state: tokens are neither made nor lost outside mint (the balances plus what
 * escrows hold equal the supply) and nothing is ever negative. Sums are taken exactly, so an overflowing state
 * cannot hide behind a wrapped sum. Returns the violations found, empty when the state is sound.
 */
final class TokensInvariants {

    private TokensInvariants() {
    }

    static List<String> violations(TokensState state) {
        List<String> found = new ArrayList<>();
        BigInteger held = BigInteger.ZERO;
        for (Map.Entry<String, Long> balance : state.balances().entrySet()) {
            if (balance.getValue() <= 0) {
                found.add("account " + balance.getKey() + " is listed with balance " + balance.getValue());
            }
            held = held.add(BigInteger.valueOf(balance.getValue()));
        }
        for (Map.Entry<String, Escrow> entry : state.escrows().entrySet()) {
            Escrow escrow = entry.getValue();
            String id = entry.getKey();
            if (escrow.funded() <= 0 || escrow.paid() < 0 || escrow.refunded() < 0) {
                found.add("escrow " + id + " has funded " + escrow.funded() + ", paid " + escrow.paid()
                        + ", refunded " + escrow.refunded());
            }
            BigInteger remaining = BigInteger.valueOf(escrow.funded()).subtract(BigInteger.valueOf(escrow.paid()))
                    .subtract(BigInteger.valueOf(escrow.refunded()));
            if (remaining.signum() < 0) {
                found.add("escrow " + id + " holds " + remaining);
            }
            if (escrow.closed() && remaining.signum() != 0) {
                found.add("closed escrow " + id + " still holds " + remaining);
            }
            held = held.add(remaining);
        }
        if (state.supply() < 0) {
            found.add("supply is " + state.supply());
        }
        if (!held.equals(BigInteger.valueOf(state.supply()))) {
            found.add("balances and escrows hold " + held + " but " + state.supply() + " were minted");
        }
        return found;
    }
}
