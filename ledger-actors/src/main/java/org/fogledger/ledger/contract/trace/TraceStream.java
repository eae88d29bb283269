package org.fogledger.ledger.contract.trace;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/** The state of one trace stream ({@code trace/<streamId>}), one type per phase of its life. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TraceStream.Unregistered.class, name = "unregistered"),
        @JsonSubTypes.Type(value = TraceStream.Registered.class, name = "registered")})
public sealed interface TraceStream {

    String streamId();

    /** Nobody has claimed the stream; it accepts only {@code register}. */
    record Unregistered(String streamId) implements TraceStream {
        public Unregistered {
            Objects.requireNonNull(streamId, "streamId");
        }
    }

    /**
     * A claimed stream. {@code owner} registered it and may replace its gateway; {@code gateway} is the only key
     * whose anchors it accepts. Only the most recent anchors are kept ({@code recentAnchors}, oldest first, at most
     * the contract's retention): the rest stay on the chain and in the instance's journal, and state stays bounded
     * however long the stream runs.
     *
     * @param nextSequence    the first sequence the next anchor must cover
     * @param lastRoot        the root of the last anchored batch, {@link Hash#ZERO} before the first
     * @param anchoredBatches batches anchored since registration
     */
    record Registered(String streamId, PublicKey owner, PublicKey gateway, long nextSequence, Hash lastRoot,
                      long anchoredBatches, List<TraceAnchor> recentAnchors) implements TraceStream {
        public Registered {
            Objects.requireNonNull(streamId, "streamId");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(lastRoot, "lastRoot");
            recentAnchors = List.copyOf(recentAnchors);
        }
    }
}
