package org.fogledger.ledger.contract.trace;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;

/** What happened to a trace stream. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TraceEvent.StreamRegistered.class, name = "stream-registered"),
        @JsonSubTypes.Type(value = TraceEvent.GatewayChanged.class, name = "gateway-changed"),
        @JsonSubTypes.Type(value = TraceEvent.BatchAnchored.class, name = "batch-anchored")})
public sealed interface TraceEvent {

    record StreamRegistered(PublicKey owner, PublicKey gateway) implements TraceEvent {
        public StreamRegistered {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(gateway, "gateway");
        }
    }

    record GatewayChanged(PublicKey previous, PublicKey gateway) implements TraceEvent {
        public GatewayChanged {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(gateway, "gateway");
        }
    }

    record BatchAnchored(TraceAnchor anchor) implements TraceEvent {
        public BatchAnchored {
            Objects.requireNonNull(anchor, "anchor");
        }
    }
}
