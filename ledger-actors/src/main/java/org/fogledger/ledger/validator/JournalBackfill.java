package org.fogledger.ledger.validator;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;

/**
 * Copies committed blocks from a validator's journal events into its committed-block store: for a journal written
 * before the store existed, whose events were never deleted (a node that has the store writes each committed block
 * there before the commit enters the journal, so its store is never behind its journal). Reads the journal through
 * Pekko Persistence Query ({@link JdbcReadJournal#currentEventsByPersistenceId}), in order, and appends in batches.
 * Built on the actor's thread; runs on the archive's and the stream's.
 */
final class JournalBackfill {
    /** Committed blocks per write. */
    private static final int BATCH = 256;

    private final ActorSystem<?> system;
    private final Logger log;
    private final String persistenceId;
    private final String name;
    private final BlockArchive archive;

    JournalBackfill(ActorSystem<?> system, Logger log, String persistenceId, String name, BlockArchive archive) {
        this.system = system;
        this.log = log;
        this.persistenceId = persistenceId;
        this.name = name;
        this.archive = archive;
    }

    /** Copies heights {@code from..to}; fails if the journal does not hold them all. Completes with the store's tip. */
    CompletionStage<Long> copy(long from, long to) {
        log.warn("validator {}: committed blocks {}..{} are not in the committed-block store (a journal written "
                + "before it existed); copying them from the journal", name, from, to);
        JdbcReadJournal journal = PersistenceQuery.get(system)
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        return journal.currentEventsByPersistenceId(persistenceId, 0, Long.MAX_VALUE)
                .map(EventEnvelope::event)
                .filter(event -> event instanceof ValidatorEvent.BlocksCommitted)
                .mapConcat(event -> ((ValidatorEvent.BlocksCommitted) event).blocks().stream()
                        .filter(block -> block.height() >= from && block.height() <= to).toList())
                .grouped(BATCH)
                .mapAsync(1, archive::append)
                .runWith(Sink.ignore(), system)
                .thenCompose(done -> archive.tipHeight())
                .thenApply(tip -> {
                    if (tip < to) {
                        throw new IllegalStateException("committed blocks " + (tip + 1) + ".." + to
                                + " are neither in the committed-block store nor in the journal");
                    }
                    log.info("validator {}: copied committed blocks {}..{} from the journal", name, from, to);
                    return tip;
                });
    }
}
