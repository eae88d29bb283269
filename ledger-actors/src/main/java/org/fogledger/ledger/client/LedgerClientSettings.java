package org.fogledger.ledger.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LedgerClient} submits.
 *
 * @param answerTimeout how long to wait for one validator's answer (a receipt comes only once the transaction is
 *                      committed, so this covers admission, ordering and commit); also how long a submission waits
 *                      for the first validator to be discovered
 * @param selection     which validator a single {@link LedgerClient#submit} goes to
 */
public record LedgerClientSettings(Duration answerTimeout, Selection selection) {

    /** How {@link LedgerClient#submit} picks a validator among those the receptionist lists. */
    public enum Selection {
        /** Each in turn, in a fixed order (by actor path): spreads the load evenly. */
        ROUND_ROBIN,
        /** Uniformly at random. */
        RANDOM
    }

    public LedgerClientSettings {
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        Objects.requireNonNull(selection, "selection");
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("answerTimeout must be positive, got " + answerTimeout);
        }
    }

    /** 30 s per answer, round-robin. */
    public static LedgerClientSettings defaults() {
        return new LedgerClientSettings(Duration.ofSeconds(30), Selection.ROUND_ROBIN);
    }

    public LedgerClientSettings withAnswerTimeout(Duration timeout) {
        return new LedgerClientSettings(timeout, selection);
    }

    public LedgerClientSettings withSelection(Selection selection) {
        return new LedgerClientSettings(answerTimeout, selection);
    }
}
