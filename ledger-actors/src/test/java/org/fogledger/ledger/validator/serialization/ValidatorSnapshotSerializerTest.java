package org.fogledger.ledger.validator.serialization;

import static org.fogledger.ledger.validator.serialization.ValidatorSnapshotFixtures.FRESH;
import static org.fogledger.ledger.validator.serialization.ValidatorSnapshotFixtures.SNAPSHOT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.NotSerializableException;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.mempool.SenderNonces;
import org.fogledger.ledger.validator.ValidatorSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.util.Try;

/** Validator snapshots through Pekko's real serialization, bound by the config a node loads. */
class ValidatorSnapshotSerializerTest {
    private static final String MANIFEST = "validator-snapshot-v1";
    private static final ValidatorSnapshotSerializer SERIALIZER = new ValidatorSnapshotSerializer(CodecLimits.DEFAULT);

    private static ActorTestKit testKit;
    private static Serialization serialization;
    private static SerializationTestKit serializationTestKit;

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

    @Test
    void snapshotsAreBoundToTheirOwnSerializerAndRoundTrip() {
        for (ValidatorSnapshot snapshot : List.of(SNAPSHOT, FRESH)) {
            Serializer serializer = serialization.findSerializerFor(snapshot);
            assertEquals(ValidatorSnapshotSerializer.IDENTIFIER, serializer.identifier());
            assertEquals(7303, serializer.identifier());
            assertEquals(MANIFEST, Serializers.manifestFor(serializer, snapshot));
            assertEquals(snapshot, serializationTestKit.verifySerialization(snapshot, true));
        }
    }

    @Test
    void edgeValuesRoundTrip() {
        ValidatorSnapshot extremes = new ValidatorSnapshot(
                new SafetyState(Long.MAX_VALUE, SNAPSHOT.safety().lockedQc(), SNAPSHOT.safety().highQc()),
                SNAPSHOT.committedWindow().subList(2, 3), List.of(),
                List.of(new SenderNonces(ChainFixtures.key(2).publicKey(), Long.MAX_VALUE - 5,
                        List.of(Long.MAX_VALUE - 3, Long.MAX_VALUE))));
        assertEquals(extremes, serializationTestKit.verifySerialization(extremes, true));
    }

    @Test
    void reEncodingTheDecodedBytesGivesTheSameBytes() throws Exception {
        byte[] bytes = SERIALIZER.toBinary(SNAPSHOT);
        assertArrayEquals(bytes, SERIALIZER.toBinary(SERIALIZER.fromBinary(bytes, MANIFEST)));
    }

    @Test
    void anUnknownManifestIsRefusedNamingIt() {
        Try<Object> attempt = serialization.deserialize(SERIALIZER.toBinary(SNAPSHOT),
                ValidatorSnapshotSerializer.IDENTIFIER, "validator-snapshot-v2");
        assertInstanceOf(NotSerializableException.class, attempt.failed().get());
        assertTrue(attempt.failed().get().getMessage().contains("'validator-snapshot-v2'"));
    }

    @Test
    void truncatedOrLongerBytesAreRefusedNamingTheField() {
        byte[] bytes = SERIALIZER.toBinary(SNAPSHOT);
        for (int length : new int[] {0, 1, 2, 9, bytes.length / 3, bytes.length / 2, bytes.length - 1}) {
            assertTrue(refused(Arrays.copyOf(bytes, length)).field().startsWith("snapshot"));
        }
        DecodingException trailing = refused(Arrays.copyOf(bytes, bytes.length + 1));
        assertEquals("snapshot", trailing.field(), trailing.getMessage());

        byte[] payload = payloadOf(bytes);
        DecodingException inner = refused(envelope("validator.snapshot", 1, Arrays.copyOf(payload, payload.length + 2)));
        assertEquals("snapshot.payload", inner.field(), inner.getMessage());
        DecodingException cut = refused(envelope("validator.snapshot", 1, Arrays.copyOf(payload, payload.length - 3)));
        assertTrue(cut.field().startsWith("snapshot.usedNonces"), cut.getMessage());
    }

    @Test
    void aHugeCountIsRefusedBeforeAnythingIsAllocated() {
        CanonicalWriter payload = new CanonicalWriter();
        ValidatorCodec.writeSafetyState(payload, SNAPSHOT.safety(), "safety");
        payload.writeU32(0xFFFF_FFF0L);
        DecodingException e = refused(envelope("validator.snapshot", 1, payload.toByteArray()));
        assertEquals("snapshot.committed", e.field(), e.getMessage());
    }

    @Test
    void aWindowThatDoesNotLinkIsRefused() {
        CanonicalWriter payload = new CanonicalWriter();
        ValidatorCodec.writeSafetyState(payload, SNAPSHOT.safety(), "safety");
        // Genesis then block 2: block 1 is missing.
        ValidatorCodec.writeCommittedBlocks(payload, List.of(SNAPSHOT.committedWindow().get(0),
                SNAPSHOT.committedWindow().get(2)));
        payload.writeU32(0).writeU32(0);
        DecodingException e = refused(envelope("validator.snapshot", 1, payload.toByteArray()));
        assertEquals("snapshot.committed[1]", e.field(), e.getMessage());

        CanonicalWriter empty = new CanonicalWriter();
        ValidatorCodec.writeSafetyState(empty, SNAPSHOT.safety(), "safety");
        empty.writeU32(0).writeU32(0).writeU32(0);
        assertEquals("snapshot.committed", refused(envelope("validator.snapshot", 1, empty.toByteArray())).field());
    }

    @Test
    void nonCanonicalNonceTablesAreRefused() {
        SenderNonces first = SNAPSHOT.usedNonces().get(0);
        SenderNonces second = SNAPSHOT.usedNonces().get(1);
        DecodingException outOfOrder = refused(withNonces(List.of(second, first)));
        assertEquals("snapshot.usedNonces[1].sender", outOfOrder.field(), outOfOrder.getMessage());

        DecodingException twice = refused(withNonces(List.of(first, first)));
        assertEquals("snapshot.usedNonces[1].sender", twice.field(), twice.getMessage());

        CanonicalWriter payload = prefix();
        payload.writeU32(1).writePublicKey(first.sender()).writeU64(7).writeU32(2).writeU64(9).writeU64(8);
        DecodingException notIncreasing = refused(envelope("validator.snapshot", 1, payload.toByteArray()));
        assertEquals("snapshot.usedNonces[0].usedAbove", notIncreasing.field(), notIncreasing.getMessage());

        CanonicalWriter tooMany = prefix();
        tooMany.writeU32(1).writePublicKey(first.sender()).writeU64(0).writeU32(SenderNonces.MAX_USED_ABOVE + 1);
        for (int i = 0; i <= SenderNonces.MAX_USED_ABOVE; i++) {
            tooMany.writeU64(2L * i + 1);
        }
        DecodingException bounded = refused(envelope("validator.snapshot", 1, tooMany.toByteArray()));
        assertEquals("snapshot.usedNonces[0].usedAbove", bounded.field(), bounded.getMessage());
    }

    @Test
    void anotherKindOrVersionInTheEnvelopeIsRefused() {
        byte[] payload = payloadOf(SERIALIZER.toBinary(SNAPSHOT));
        assertEquals("snapshot.kind", refused(envelope("validator.safety-state", 1, payload)).field());
        assertEquals("snapshot.version", refused(envelope("validator.snapshot", 2, payload)).field());
        byte[] wrongKind = SERIALIZER.toBinary(SNAPSHOT);
        wrongKind[1] = (byte) Kind.BLOCK.code();
        assertEquals("snapshot.kind", refused(wrongKind).field());
    }

    @Test
    void configuredLimitsApplyToTheBlocksInside() {
        ValidatorSnapshotSerializer strict = new ValidatorSnapshotSerializer(CodecLimits.DEFAULT.withMaxPayloadBytes(4));
        DecodingException e = assertThrows(DecodingException.class,
                () -> strict.fromBinary(SERIALIZER.toBinary(SNAPSHOT), MANIFEST));
        assertTrue(e.field().startsWith("snapshot.committed[1].block"), e.getMessage());
    }

    @Test
    void onlySnapshotsAreWritten() {
        assertThrows(IllegalArgumentException.class, () -> SERIALIZER.toBinary("not a snapshot"));
        assertThrows(IllegalArgumentException.class, () -> SERIALIZER.manifest(List.of()));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static DecodingException refused(byte[] bytes) {
        Try<Object> attempt = serialization.deserialize(bytes, ValidatorSnapshotSerializer.IDENTIFIER, MANIFEST);
        assertTrue(attempt.isFailure(), () -> "accepted: " + attempt.get());
        return assertInstanceOf(DecodingException.class, attempt.failed().get());
    }

    /** The snapshot's payload up to (not including) its nonce table. */
    private static CanonicalWriter prefix() {
        CanonicalWriter payload = new CanonicalWriter();
        ValidatorCodec.writeSafetyState(payload, SNAPSHOT.safety(), "safety");
        ValidatorCodec.writeCommittedBlocks(payload, SNAPSHOT.committedWindow());
        ValidatorCodec.writeChainedBlocks(payload, SNAPSHOT.uncommittedBlocks(), "uncommitted");
        return payload;
    }

    private static byte[] withNonces(List<SenderNonces> nonces) {
        CanonicalWriter payload = prefix();
        payload.writeU32(nonces.size());
        for (SenderNonces sender : nonces) {
            payload.writePublicKey(sender.sender()).writeU64(sender.lowestUnused()).writeU32(sender.usedAbove().size());
            sender.usedAbove().forEach(payload::writeU64);
        }
        return envelope("validator.snapshot", 1, payload.toByteArray());
    }

    private static byte[] payloadOf(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.readHeader(Kind.STORED_EVENT, "snapshot");
        in.readString("kind", 256);
        in.readIntU32("version");
        return in.readBytes("payload", Integer.MAX_VALUE);
    }

    private static byte[] envelope(String kind, int version, byte[] payload) {
        return new CanonicalWriter().writeHeader(Kind.STORED_EVENT).writeString(kind).writeU32(version)
                .writeBytes(payload).toByteArray();
    }
}
