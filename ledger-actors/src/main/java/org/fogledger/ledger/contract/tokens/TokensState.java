package org.fogledger.ledger.contract.tokens;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * All balances and escrows, and the supply: every token ever minted. Accounts with nothing are left out, so equal
 * holdings are always one state. The supply bounds every balance and escrow, so once a mint fits in a long, no
 * later sum of tokens can overflow.
 *
 * @param balances the accounts that hold tokens, each with a positive balance
 * @param escrows  every escrow ever opened, by id, closed ones included
 * @param supply   all tokens minted; always the sum of balances and of what open escrows hold
 */
public record TokensState(SortedMap<String, Long> balances, SortedMap<String, Escrow> escrows, long supply) {

    public static final TokensState EMPTY = new TokensState(new TreeMap<>(), new TreeMap<>(), 0);

    public TokensState {
        balances = Collections.unmodifiableSortedMap(new TreeMap<>(balances));
        escrows = Collections.unmodifiableSortedMap(new TreeMap<>(escrows));
    }

    public long balance(String account) {
        return balances.getOrDefault(account, 0L);
    }

    TokensState apply(TokensEvent event) {
        if (event instanceof TokensEvent.Minted e) {
            return credit(e.to(), e.amount()).withSupply(Math.addExact(supply, e.amount()));
        }
        if (event instanceof TokensEvent.Transferred e) {
            return debit(e.from(), e.amount()).credit(e.to(), e.amount());
        }
        if (event instanceof TokensEvent.EscrowOpened e) {
            return debit(e.payer(), e.amount()).withEscrow(e.id(), new Escrow(e.payer(), e.controller(),
                    e.payees(), e.expiresAt(), e.amount(), 0, 0, false));
        }
        if (event instanceof TokensEvent.EscrowFunded e) {
            Escrow escrow = escrow(e.id());
            return debit(escrow.payer(), e.amount()).withEscrow(e.id(), escrow.fundedWith(e.amount()));
        }
        if (event instanceof TokensEvent.EscrowPaid e) {
            return credit(e.to(), e.amount()).withEscrow(e.id(), escrow(e.id()).paidOut(e.amount()));
        }
        TokensEvent.EscrowRefunded e = (TokensEvent.EscrowRefunded) event;
        return credit(e.payer(), e.amount()).withEscrow(e.id(), escrow(e.id()).refundedAll(e.amount()));
    }

    private Escrow escrow(String id) {
        Escrow escrow = escrows.get(id);
        if (escrow == null) {
            throw new IllegalStateException("no escrow '" + id + "'");
        }
        return escrow;
    }

    private TokensState debit(String account, long amount) {
        return withBalance(account, Math.subtractExact(balance(account), amount));
    }

    private TokensState credit(String account, long amount) {
        return withBalance(account, Math.addExact(balance(account), amount));
    }

    private TokensState withBalance(String account, long balance) {
        if (balance < 0) {
            throw new IllegalStateException("account " + account + " would hold " + balance + " tokens");
        }
        TreeMap<String, Long> next = new TreeMap<>(balances);
        if (balance == 0) {
            next.remove(account);
        } else {
            next.put(account, balance);
        }
        return new TokensState(next, escrows, supply);
    }

    private TokensState withEscrow(String id, Escrow escrow) {
        TreeMap<String, Escrow> next = new TreeMap<>(escrows);
        next.put(id, escrow);
        return new TokensState(balances, next, supply);
    }

    private TokensState withSupply(long next) {
        return new TokensState(balances, escrows, next);
    }
}
