package org.fogledger.agents.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fogledger.ledger.contract.trace.DataReference;
import org.fogledger.ledger.contract.trace.TraceBatch;
import org.fogledger.ledger.contract.trace.TraceBatcher;
import org.fogledger.ledger.contract.trace.TraceKind;
import org.fogledger.ledger.contract.trace.TraceRecord;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The gateway's traceability trail: every collection, share and refused request becomes the stream's next
 * {@link TraceRecord}; sealed batches wait in order to be anchored on {@code trace/<streamId>}. Plain state,
 * confined to the gateway actor.
 *
 * <p>A refused request is recorded as an {@code access} record whose actor is the party that asked, with no
 * content hash ({@code 00…00}: no data was handed over), the consent that decided if any, and a purpose that starts
 * with {@value #DENIED_PREFIX}. The trace vocabulary has no kind for a refusal yet (see docs/GATEWAYS.md).
 */
final class FlowTrail {
    static final String DENIED_PREFIX = "denied ";
    static final String COLLECTION_PURPOSE = "collection";
    private static final int RECENT = 64;

    private final String streamId;
    private final PublicKey gatewayKey;
    private final TraceBatcher batcher;
    private final Deque<TraceBatch> toAnchor = new ArrayDeque<>();
    private final Deque<TraceRecord> recent = new ArrayDeque<>();

    FlowTrail(String streamId, PublicKey gatewayKey, int batchSize, long nextSequence, Hash lastRoot) {
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        this.gatewayKey = Objects.requireNonNull(gatewayKey, "gatewayKey");
        this.batcher = new TraceBatcher(streamId, batchSize, nextSequence, lastRoot);
    }

    /** The device handed the gateway a reading. */
    TraceRecord collected(SignedReading reading, PublicKey deviceKey, long nowMillis) {
        return append(TraceKind.COLLECT, reference(reading), deviceKey, null, COLLECTION_PURPOSE, null, nowMillis);
    }

    /** The gateway handed a reading to the recipient of {@code request}, as consent {@code consentId} permits. */
    TraceRecord shared(SignedReading reading, DataRequest request, String consentId, long nowMillis) {
        return append(TraceKind.SHARE, reference(reading), gatewayKey, request.recipient().key(), request.purpose(),
                consentId, nowMillis);
    }

    /** The recipient of {@code request} was refused: nothing handed over. */
    TraceRecord denied(DataRequest request, String reason, String consentId, long nowMillis) {
        String purpose = truncate(DENIED_PREFIX + request.purpose() + ": " + reason, TraceRecord.MAX_PURPOSE_BYTES);
        return append(TraceKind.ACCESS, new DataReference(request.deviceId(), request.dataClass().code(), Hash.ZERO),
                request.recipient().key(), null, purpose, consentId, nowMillis);
    }

    /** Seals what is pending into a batch to anchor (a timer, a shutdown). */
    void seal() {
        batcher.seal().ifPresent(toAnchor::addLast);
    }

    /** The oldest sealed batch not yet anchored. */
    Optional<TraceBatch> nextToAnchor() {
        return Optional.ofNullable(toAnchor.peekFirst());
    }

    void anchored(TraceBatch batch) {
        if (toAnchor.peekFirst() == batch) {
            toAnchor.removeFirst();
        }
    }

    /** The lowest sequence whose batch is not anchored yet: the oldest sealed batch's first, or the pending ones'. */
    long firstUnanchored() {
        TraceBatch oldest = toAnchor.peekFirst();
        return oldest != null ? oldest.firstSequence() : batcher.nextSequence() - batcher.pending();
    }

    int awaitingAnchor() {
        return toAnchor.size();
    }

    long nextSequence() {
        return batcher.nextSequence();
    }

    int pending() {
        return batcher.pending();
    }

    List<TraceRecord> recent() {
        return List.copyOf(new ArrayList<>(recent));
    }

    private TraceRecord append(TraceKind kind, DataReference data, PublicKey actor, PublicKey recipient,
                               String purpose, String consentId, long nowMillis) {
        TraceRecord record = new TraceRecord(kind, data, actor, recipient, purpose,
                consentId == null ? null : truncate(consentId, TraceRecord.MAX_CONSENT_ID_BYTES), streamId,
                batcher.nextSequence(), Math.max(0, nowMillis));
        batcher.add(record).ifPresent(toAnchor::addLast);
        recent.addLast(record);
        while (recent.size() > RECENT) {
            recent.removeFirst();
        }
        return record;
    }

    private static DataReference reference(SignedReading reading) {
        return new DataReference(reading.deviceId(), reading.dataClass().code(), reading.contentHash());
    }

    /** At most {@code maxBytes} of UTF-8, cut on a character boundary. */
    static String truncate(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    static boolean isDenial(TraceRecord record) {
        return record.kind() == TraceKind.ACCESS && record.purpose().startsWith(DENIED_PREFIX);
    }
}
