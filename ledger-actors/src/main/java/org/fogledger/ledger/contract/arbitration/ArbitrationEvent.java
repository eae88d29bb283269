package org.fogledger.ledger.contract.arbitration;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/** What the arbitration persists: one settlement per decision that reached it, whatever its verdict. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = ArbitrationEvent.Settled.class, name = "settled")})
public sealed interface ArbitrationEvent {

    /** {@code settlement} was reached; {@link ArbitrationState#after} folds it. */
    record Settled(Settlement settlement) implements ArbitrationEvent {
        public Settled {
            Objects.requireNonNull(settlement, "settlement");
        }
    }
}
