package org.fogledger.ledger.contract.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A consent as the ledger holds it: its id (the hex hash of the transaction that granted it), the terms, and every
 * status it has had, oldest first. The history is never rewritten, so a decision about any past time can still be
 * made: withdrawal takes effect from its block on, never before.
 */
public record ConsentRecord(String id, ConsentTerms terms, List<StatusChange> history) {

    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(terms, "terms");
        history = List.copyOf(history);
        if (history.isEmpty() || history.get(0).status() != ConsentStatus.ACTIVE) {
            throw new IllegalArgumentException("consent " + id + ": a history starts with its grant");
        }
    }

    public static ConsentRecord granted(String id, ConsentTerms terms, long at, long height) {
        return new ConsentRecord(id, terms, List.of(new StatusChange(ConsentStatus.ACTIVE, at, height)));
    }

    /** The block time of the grant. */
    public long grantedAt() {
        return history.get(0).at();
    }

    public ConsentStatus status() {
        return history.get(history.size() - 1).status();
    }

    /** The block time of the withdrawal, or null while the consent is not withdrawn. */
    public Long withdrawnAt() {
        for (StatusChange change : history) {
            if (change.status() == ConsentStatus.WITHDRAWN) {
                return change.at();
            }
        }
        return null;
    }

    /** Whether the consent was on the ledger and not withdrawn at block time {@code time}. */
    public boolean inForceAt(long time) {
        Long withdrawn = withdrawnAt();
        return grantedAt() <= time && (withdrawn == null || time < withdrawn);
    }

    public ConsentRecord withdrawn(long at, long height) {
        List<StatusChange> longer = new ArrayList<>(history);
        longer.add(new StatusChange(ConsentStatus.WITHDRAWN, at, height));
        return new ConsentRecord(id, terms, longer);
    }
}
