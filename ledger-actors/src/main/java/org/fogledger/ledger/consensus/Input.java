package org.fogledger.ledger.consensus;

import java.util.List;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.PublicKey;

/** Everything that can happen to a replica. It takes one at a time, together with the current time. */
public sealed interface Input {

    /** A message arrived from the network; {@code from} is the transport's idea of the sender, which is not trusted. */
    record MessageReceived(PublicKey from, ConsensusMessage message) implements Input {
    }

    /** A timer set by {@link Output.SetTimer} fired. */
    record TimerFired(TimerKind kind, long round) implements Input {
    }

    /** Client transactions admitted by the mempool, to be ordered. */
    record TransactionsAvailable(List<Transaction> transactions) implements Input {
    }

    /**
     * The host executed the committed chain up to {@code results.height()}; the replica's next proposals claim it
     * (see {@link org.fogledger.ledger.chain.ExecutedResults}). Claims only move forward.
     */
    record Executed(ExecutedResults results) implements Input {
    }

    /** The safety state with this sequence number (and every earlier one) is durable. */
    record PersistCompleted(long sequence) implements Input {
    }
}
