package org.fogledger.ledger.validator.serialization;

import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.BLOCKS_COMMITTED;
import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.BLOCK_STORED;
import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.GENESIS;
import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.GENESIS_QC;
import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.SAFETY_STATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.NotSerializableException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.fogledger.ledger.chain.StoredEvent;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.validator.ValidatorEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.util.Try;

/** Validator journal events through Pekko's real serialization, bound by the config a node loads. */
class ValidatorEventSerializerTest {
    private static final Map<ValidatorEvent, String> MANIFESTS = Map.of(
            SAFETY_STATE, "safety-state-v1",
            BLOCK_STORED, "block-stored-v1",
            BLOCKS_COMMITTED, "blocks-committed-v1");

    private static ActorTestKit testKit;
    private static Serialization serialization;
    private static SerializationTestKit serializationTestKit;
    private static final ValidatorEventSerializer SERIALIZER = new ValidatorEventSerializer(CodecLimits.DEFAULT);

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create(ConfigFactory.load());
        serialization = SerializationExtension.get(testKit.system());
        serializationTestKit = new SerializationTestKit(testKit.system());
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    // --- round trips -------------------------------------------------------------------------------------

    @Test
    void everyEventIsBoundToTheJournalSerializerAndRoundTrips() {
        MANIFESTS.forEach((event, manifest) -> {
            Serializer serializer = serialization.findSerializerFor(event);
            assertEquals(ValidatorEventSerializer.IDENTIFIER, serializer.identifier(), event.getClass().getName());
            assertEquals(manifest, Serializers.manifestFor(serializer, event));
            assertEquals(event, serializationTestKit.verifySerialization(event, true));
        });
    }

    @Test
    void edgeValuesRoundTrip() {
        List<ValidatorEvent> events = List.of(
                new ValidatorEvent.SafetyStateSaved(SafetyState.initial(GENESIS_QC)),
                new ValidatorEvent.SafetyStateSaved(new SafetyState(Long.MAX_VALUE, GENESIS_QC, GENESIS_QC)),
                new ValidatorEvent.BlockStored(new ChainedBlock(GENESIS, GENESIS_QC)),
                new ValidatorEvent.BlocksCommitted(List.of()),
                new ValidatorEvent.BlocksCommitted(List.of(new CommittedBlock(GENESIS, GENESIS_QC))));
        for (ValidatorEvent event : events) {
            assertEquals(event, serializationTestKit.verifySerialization(event, true));
        }
    }

    @Test
    void bytesAreAStoredEventEnvelopeWithKindAndVersion() {
        // Small enough for StoredEvent's own payload limit, so its decoder reads the same envelope.
        StoredEvent envelope = StoredEvent.decode(SERIALIZER.toBinary(SAFETY_STATE), CodecLimits.DEFAULT);
        assertEquals("validator.safety-state", envelope.kind());
        assertEquals(1, envelope.version());
        assertArrayEquals(SERIALIZER.toBinary(SAFETY_STATE), envelope.encode());
    }

    // --- refusals ----------------------------------------------------------------------------------------

    @Test
    void unknownManifestIsRefusedNamingIt() {
        byte[] bytes = SERIALIZER.toBinary(SAFETY_STATE);
        Try<Object> attempt = serialization.deserialize(bytes, ValidatorEventSerializer.IDENTIFIER, "safety-state-v9");
        Throwable failure = attempt.failed().get();
        assertInstanceOf(NotSerializableException.class, failure);
        assertTrue(failure.getMessage().contains("'safety-state-v9'"), failure.getMessage());
    }

    @Test
    void truncatedBytesAreRefusedNamingTheField() {
        for (ValidatorEvent event : MANIFESTS.keySet()) {
            byte[] bytes = SERIALIZER.toBinary(event);
            for (int length : new int[] {0, 1, 2, 5, bytes.length / 2, bytes.length - 1}) {
                DecodingException e = refused(Arrays.copyOf(bytes, length), MANIFESTS.get(event));
                assertTrue(e.field().startsWith("event"), e.getMessage());
            }
        }
        assertEquals("event.payload", refused(Arrays.copyOf(SERIALIZER.toBinary(BLOCK_STORED),
                SERIALIZER.toBinary(BLOCK_STORED).length - 1), "block-stored-v1").field());
    }

    @Test
    void truncationInsideThePayloadNamesTheInnerField() {
        byte[] payload = payloadOf(SERIALIZER.toBinary(BLOCK_STORED));
        DecodingException e = refused(envelope("validator.block-stored", 1,
                Arrays.copyOf(payload, payload.length - 1)), "block-stored-v1");
        assertEquals("blockStored.block.justify.signatures", e.field(), e.getMessage());

        byte[] committed = payloadOf(SERIALIZER.toBinary(BLOCKS_COMMITTED));
        e = refused(envelope("validator.blocks-committed", 1, Arrays.copyOf(committed, 200)), "blocks-committed-v1");
        assertTrue(e.field().startsWith("blocksCommitted.blocks[0].block"), e.getMessage());

        byte[] safety = payloadOf(SERIALIZER.toBinary(SAFETY_STATE));
        e = refused(envelope("validator.safety-state", 1, Arrays.copyOf(safety, 4)), "safety-state-v1");
        assertEquals("safetyStateSaved.state.highestVotedRound", e.field(), e.getMessage());
    }

    @Test
    void trailingBytesAreRefusedNamingTheField() {
        MANIFESTS.forEach((event, manifest) -> {
            byte[] bytes = SERIALIZER.toBinary(event);
            DecodingException e = refused(Arrays.copyOf(bytes, bytes.length + 1), manifest);
            assertEquals("event", e.field(), e.getMessage());
            assertTrue(e.getMessage().contains("1 trailing byte(s)"), e.getMessage());

            byte[] payload = payloadOf(bytes);
            e = refused(envelope(kindOf(bytes), 1, Arrays.copyOf(payload, payload.length + 3)), manifest);
            assertEquals("event.payload", e.field(), e.getMessage());
            assertTrue(e.getMessage().contains("3 trailing byte(s)"), e.getMessage());
        });
    }

    @Test
    void aManifestThatDisagreesWithTheBytesIsRefused() {
        DecodingException e = refused(SERIALIZER.toBinary(SAFETY_STATE), "block-stored-v1");
        assertEquals("event.kind", e.field());
        assertTrue(e.getMessage().contains("validator.safety-state"), e.getMessage());
    }

    @Test
    void anUnknownVersionOrEnvelopeKindIsRefused() {
        byte[] payload = payloadOf(SERIALIZER.toBinary(SAFETY_STATE));
        assertEquals("event.version", refused(envelope("validator.safety-state", 2, payload), "safety-state-v1")
                .field());

        byte[] wrongKind = SERIALIZER.toBinary(SAFETY_STATE);
        wrongKind[1] = (byte) Kind.BLOCK.code();
        assertEquals("event.kind", refused(wrongKind, "safety-state-v1").field());
    }

    @Test
    void configuredLimitsApplyToStoredBlocks() {
        ValidatorEventSerializer strict = new ValidatorEventSerializer(CodecLimits.DEFAULT.withMaxPayloadBytes(4));
        DecodingException e = assertThrows(DecodingException.class,
                () -> strict.fromBinary(SERIALIZER.toBinary(BLOCK_STORED), "block-stored-v1"));
        assertEquals("blockStored.block.block.transactions[0].payload", e.field(), e.getMessage());
    }

    @Test
    void writingRefusesWhatCouldNotBeReadBack() {
        assertThrows(IllegalArgumentException.class, () -> SERIALIZER.toBinary(
                new ValidatorEvent.SafetyStateSaved(new SafetyState(-1, GENESIS_QC, GENESIS_QC))));
        assertThrows(NullPointerException.class, () -> SERIALIZER.toBinary(
                new ValidatorEvent.SafetyStateSaved(new SafetyState(0, null, GENESIS_QC))));
        assertThrows(IllegalArgumentException.class, () -> SERIALIZER.toBinary("not an event"));
        assertThrows(IllegalArgumentException.class, () -> SERIALIZER.manifest("not an event"));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** Through Pekko: the failure must be the decoder's, naming a field. */
    private static DecodingException refused(byte[] bytes, String manifest) {
        Try<Object> attempt = serialization.deserialize(bytes, ValidatorEventSerializer.IDENTIFIER, manifest);
        assertTrue(attempt.isFailure(), () -> "accepted: " + attempt.get());
        return assertInstanceOf(DecodingException.class, attempt.failed().get());
    }

    private static String kindOf(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.readHeader(Kind.STORED_EVENT, "event");
        return in.readString("event.kind", 256);
    }

    private static byte[] payloadOf(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.readHeader(Kind.STORED_EVENT, "event");
        in.readString("event.kind", 256);
        in.readIntU32("event.version");
        return in.readBytes("event.payload", Integer.MAX_VALUE);
    }

    private static byte[] envelope(String kind, int version, byte[] payload) {
        return new CanonicalWriter().writeHeader(Kind.STORED_EVENT).writeString(kind).writeU32(version)
                .writeBytes(payload).toByteArray();
    }
}
