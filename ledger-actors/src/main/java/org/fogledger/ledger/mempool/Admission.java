package org.fogledger.ledger.mempool;

import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;

/** The mempool's answer to a submitted transaction. */
public sealed interface Admission permits Admission.Admitted, Admission.Refused {

    default boolean admitted() {
        return this instanceof Admitted;
    }

    /** The transaction is pending and will be offered to block building. */
    record Admitted(Hash transactionHash) implements Admission {
        public Admitted {
            Objects.requireNonNull(transactionHash, "transactionHash");
        }
    }

    /** The transaction was not admitted; {@code message} names the value at fault, for the submitter. */
    record Refused(RefusalReason reason, String message) implements Admission {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return reason + ": " + message;
        }
    }
}
