package org.fogledger.ledger.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.util.Try;

/** Messages through Pekko's real serialization, with the config a node loads plus the test registrar. */
class KryoSerializerTest {
    private static final int MAX_BYTES = 64 * 1024;

    static final Config CONFIG = ConfigFactory.parseString("""
            fogledger.serialization.kryo.max-message-bytes = 64 KiB
            fogledger.serialization.kryo.registrars.test = "org.fogledger.ledger.wire.WireTestRegistrar"
            """).withFallback(ConfigFactory.load());

    private static ActorTestKit testKit;
    private static Serialization serialization;
    private static SerializationTestKit serializationTestKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create(CONFIG);
        serialization = SerializationExtension.get(testKit.system());
        serializationTestKit = new SerializationTestKit(testKit.system());
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    // --- round trips -------------------------------------------------------------------------------------

    @Test
    void cryptoValuesRoundTripThroughKryo() {
        KeyPair ed = KeyPair.fromPrivateKey(SignatureScheme.ED25519, new byte[32]);
        KeyPair mlDsa = KeyPair.fromPrivateKey(SignatureScheme.ML_DSA_65, filled(32, 7));
        Hash hash = Sha256.hash("block".getBytes(StandardCharsets.UTF_8));
        for (Object value : List.of(hash, Hash.ZERO, ed.publicKey(), mlDsa.publicKey(), ed.sign(new byte[] {1}),
                mlDsa.sign(new byte[] {1}))) {
            assertEquals(KryoSerializer.IDENTIFIER, serialization.findSerializerFor(value).identifier(),
                    value.getClass() + " is bound to the Kryo serializer");
            serializationTestKit.verifySerialization(value, true);
        }
    }

    @Test
    void recordWithCryptoValuesAndListRoundTrips() {
        KeyPair key = KeyPair.fromPrivateKey(SignatureScheme.ED25519, filled(32, 1));
        Hash block = Sha256.hash(new byte[] {42});
        SampleMessages.Vote vote = new SampleMessages.Vote(block, 7, key.publicKey(), key.sign(block.bytes()),
                List.of(block, Hash.ZERO, Sha256.hash(new byte[0])));

        SampleMessages.Vote back = serializationTestKit.verifySerialization(vote, true);

        assertEquals(List.of(block, Hash.ZERO, Sha256.hash(new byte[0])), back.justify());
    }

    @Test
    void everyShapeOfImmutableListRoundTripsAsAnImmutableList() {
        Hash a = Sha256.hash(new byte[] {1});
        for (List<Hash> list : List.of(List.<Hash>of(), List.of(a), List.of(a, a), List.of(a, a, a),
                List.of(a, a, a, a).subList(1, 3))) {
            SampleMessages.Holder back = serializationTestKit.verifySerialization(new SampleMessages.Holder(list), true);
            List<?> read = (List<?>) back.item();
            assertEquals(list, read);
            assertImmutable(read);
        }
    }

    @Test
    void setsMapsArrayListsAndInstantsRoundTrip() {
        SampleMessages.Tags tags = new SampleMessages.Tags(Set.of("gateway", "region-7", "ü-ñ"),
                Map.of("readings", 12L, "denials", 0L), new ArrayList<>(Arrays.asList("a", null, "c")),
                Instant.ofEpochSecond(1_700_000_000L, 123));

        SampleMessages.Tags back = serializationTestKit.verifySerialization(tags, true);

        assertImmutable(back.tags());
        assertEquals(ArrayList.class, back.notes().getClass());
    }

    @Test
    void replyToActorRefRoundTripsAndStillReachesTheActor() {
        TestProbe<String> probe = testKit.createTestProbe();

        SampleMessages.Ping back = serializationTestKit.verifySerialization(
                new SampleMessages.Ping("hello", probe.getRef()), true);

        back.replyTo().tell("pong");
        probe.expectMessage("pong");
    }

    @Test
    void idsAreTheWireFormat() {
        // Hash is id 200: Kryo writes id + 2 as an unsigned varint, then our 32 raw bytes.
        byte[] bytes = serialize(Hash.ZERO);
        assertEquals(2 + Hash.LENGTH, bytes.length);
        assertArrayEquals(varint(200 + 2), Arrays.copyOf(bytes, 2));
    }

    @Test
    void poolsServeConcurrentCallers() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            int seed = t;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        SampleMessages.Holder message = new SampleMessages.Holder(
                                List.of(Sha256.hash(new byte[] {(byte) seed, (byte) i}), "t" + seed + "-" + i));
                        Object back = deserialize(serialize(message)).get();
                        assertEquals(message, back);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures);
    }

    // --- refusals ----------------------------------------------------------------------------------------

    @Test
    void unregisteredClassIsRefusedOnSerializeNamingTheClass() {
        Throwable failure = serialization.serialize(new SampleMessages.Unregistered("nope")).failed().get();
        assertInstanceOf(WireSerializationException.class, failure);
        assertTrue(failure.getMessage().contains(SampleMessages.Unregistered.class.getName()), failure.getMessage());
    }

    @Test
    void unregisteredClassInsideARegisteredMessageIsRefusedNamingIt() {
        Throwable failure = serialization.serialize(new SampleMessages.Holder(new HashMap<String, String>()))
                .failed().get();
        assertTrue(failure.getMessage().contains("java.util.HashMap"), failure.getMessage());
    }

    @Test
    void classNamedByNameIsRefusedOnDeserialize() {
        // What an attacker sends: Kryo's class-by-name form, written by a Kryo that registers nothing.
        for (Object gadget : List.of(new ConcurrentHashMap<String, String>(), url("http://127.0.0.1/"))) {
            Kryo open = new Kryo();
            open.setRegistrationRequired(false);
            Output output = new Output(1024, -1);
            open.writeClassAndObject(output, gadget);

            assertRefused(output.toBytes(), "class named on the wire");
        }
    }

    @Test
    void classNamedByNameIsRefusedBeforeAnyClassIsLoaded() {
        // A name that does not exist: refused as a name, not as "unable to find class", so nothing was looked up.
        Output output = new Output(256, -1);
        output.writeVarInt(1, true); // Kryo's NAME marker
        output.writeVarInt(0, true); // name id
        output.writeString("org.fogledger.nowhere.Gadget");

        assertRefused(output.toBytes(), "class named on the wire");
    }

    @Test
    void classNamedByNameNestedInARegisteredListIsRefused() {
        Output output = new Output(256, -1);
        output.writeVarInt(102 + 2, true); // List.of(x): a registered class
        output.writeVarInt(1, true); // one element
        output.writeVarInt(1, true); // ... named by name
        output.writeVarInt(0, true);
        output.writeString("java.net.URL");
        output.writeString("http://127.0.0.1/");

        assertRefused(output.toBytes(), "class named on the wire");
    }

    @Test
    void unknownRegistrationIdIsRefused() {
        assertRefused(varint(7999 + 2), "unregistered class ID: 7999");
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
        byte[] bytes = new byte[MAX_BYTES + 1];
        System.arraycopy(serialize(Hash.ZERO), 0, bytes, 0, 34);
        assertRefused(bytes, (MAX_BYTES + 1) + " bytes: over " + MAX_BYTES + " bytes");
    }

    @Test
    void oversizedOutputIsRefusedNamingTheClassAndTheLimit() {
        Throwable failure = serialization.serialize(new SampleMessages.Blob(new byte[MAX_BYTES + 10])).failed().get();
        assertInstanceOf(WireSerializationException.class, failure);
        assertTrue(failure.getMessage().contains(SampleMessages.Blob.class.getName()), failure.getMessage());
        assertTrue(failure.getMessage().contains("larger than " + MAX_BYTES + " bytes"), failure.getMessage());
    }

    @Test
    void forgedLengthsAreRefusedWithoutAllocating() {
        Output byteArray = new Output(64, -1);
        byteArray.writeVarInt(100 + 2, true); // byte[]
        byteArray.writeVarInt(2_000_000_000, true); // length + 1: two gigabytes, in a 7-byte message
        assertRefused(byteArray.toBytes(), "byte array claims");

        Output list = new Output(64, -1);
        list.writeVarInt(103 + 2, true); // List.of(...)
        list.writeVarInt(Integer.MAX_VALUE, true);
        assertRefused(list.toBytes(), "list claims");

        Output string = new Output(64, -1);
        string.writeVarInt(8004 + 2, true); // Holder(Object item)
        string.writeVarInt(1 + 2, true); // item: a String (Kryo's id 1)
        string.writeVarIntFlag(true, 1_000_000_000, true); // UTF-8 form, a billion chars
        assertRefused(string.toBytes(), "string claims");
    }

    @Test
    void bytesLeftOverAfterTheMessageAreRefused() {
        byte[] bytes = Arrays.copyOf(serialize(Hash.ZERO), 35);
        assertRefused(bytes, "1 bytes left over");
    }

    @Test
    void badSchemeTagIsRefused() {
        byte[] bytes = serialize(KeyPair.fromPrivateKey(SignatureScheme.ED25519, new byte[32]).sign(new byte[0]));
        bytes[2] = 99; // after the two-byte id, the scheme tag
        assertRefused(bytes, "unknown signature scheme tag 99");
    }

    @Test
    void javaSerializationIsDisabled() {
        Try<byte[]> attempt = serialization.serialize(new SampleMessages.PlainSerializable("x"));
        assertTrue(attempt.isFailure(), "a Serializable that is no WireMessage must not be serialized");
        assertTrue(attempt.failed().get().getMessage().contains("disabled"), attempt.failed().get().getMessage());
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static byte[] serialize(Object message) {
        return serialization.serialize(message).get();
    }

    private static Try<Object> deserialize(byte[] bytes) {
        return serialization.deserialize(bytes, KryoSerializer.IDENTIFIER, "");
    }

    private static void assertRefused(byte[] bytes, String expected) {
        Try<Object> attempt = deserialize(bytes);
        assertTrue(attempt.isFailure(), () -> "accepted: " + attempt.get());
        Throwable failure = attempt.failed().get();
        assertInstanceOf(WireSerializationException.class, failure);
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    private static void assertImmutable(java.util.Collection<?> collection) {
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> collection.clear());
    }

    private static byte[] varint(int value) {
        Output output = new Output(8, -1);
        output.writeVarInt(value, true);
        return output.toBytes();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static java.net.URL url(String spec) {
        try {
            return java.net.URI.create(spec).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
