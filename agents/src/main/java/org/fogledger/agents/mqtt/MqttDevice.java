package org.fogledger.agents.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.SignedReading;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * A simulated device on an MQTT broker: it holds its key, asks the gateway for a challenge, sends its signed hello
 * and signed readings on its own topics, and records everything the gateway publishes to it (challenges, session
 * answers, receipts, errors), which callers await. For tests and the simulator; thread-safe.
 */
public final class MqttDevice implements AutoCloseable {
    private static final MqttTopics.Kind[] ANSWERS = {MqttTopics.Kind.CHALLENGE, MqttTopics.Kind.SESSION,
            MqttTopics.Kind.RECEIPTS, MqttTopics.Kind.ERRORS};

    private final String deviceId;
    private final KeyPair key;
    private final MqttTopics topics;
    private final MqttAsyncClient client;
    private final List<GatewayMessage> received = new ArrayList<>();
    private Hash sessionId;
    private long nextSequence;

    private MqttDevice(String uri, String topicPrefix, String deviceId, KeyPair key) throws MqttException {
        this.deviceId = MqttTopics.checkDeviceId(deviceId);
        this.key = Objects.requireNonNull(key, "key");
        this.topics = new MqttTopics(topicPrefix);
        this.client = new MqttAsyncClient(uri, "fogledger-device-" + deviceId + "-"
                + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
    }

    /** Connects to the broker and subscribes to this device's answer topics. */
    public static MqttDevice connect(String uri, String topicPrefix, String deviceId, KeyPair key,
                                     Duration timeout) throws MqttException {
        MqttDevice device = new MqttDevice(uri, topicPrefix, deviceId, key);
        device.client.setCallback(device.new Inbox());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        device.client.connect(options).waitForCompletion(timeout.toMillis());
        String[] filters = new String[ANSWERS.length];
        int[] qos = new int[ANSWERS.length];
        for (int i = 0; i < ANSWERS.length; i++) {
            filters[i] = device.topics.topic(deviceId, ANSWERS[i]);
            qos[i] = 1;
        }
        device.client.subscribe(filters, qos).waitForCompletion(timeout.toMillis());
        return device;
    }

    public String deviceId() {
        return deviceId;
    }

    /** The id of the session the last {@link #openSession} opened, or null. */
    public synchronized Hash sessionId() {
        return sessionId;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Sending

    /** Asks for a challenge and waits for it. */
    public GatewayMessage.Challenge requestChallenge(Duration timeout) throws MqttException, TimeoutException {
        int seen = receivedCount();
        publish(MqttTopics.Kind.CHALLENGE_REQUEST, new byte[0]);
        return await(GatewayMessage.Challenge.class, seen, challenge -> true, timeout);
    }

    /**
     * Asks for a challenge, signs a hello with this device's key and id, and waits for the gateway's answer:
     * {@code opened} (readings then go into that session) or {@code refused}.
     */
    public GatewayMessage.Session openSession(String firmware, Duration timeout)
            throws MqttException, TimeoutException {
        GatewayMessage.Challenge challenge = requestChallenge(timeout);
        DeviceHello hello = DeviceHello.sign(key, deviceId, challenge.gatewayId(), challenge.challenge(),
                System.currentTimeMillis(), firmware);
        sendHello(hello);
        GatewayMessage.Session answer = awaitSession(hello.challenge(), session -> !session.is(
                GatewayMessage.Session.CLOSED), timeout);
        if (answer.is(GatewayMessage.Session.OPENED)) {
            synchronized (this) {
                sessionId = answer.sessionId();
                nextSequence = 0;
            }
        }
        return answer;
    }

    /** Publishes {@code hello} as is, on this device's hello topic (whatever device it names). */
    public void sendHello(DeviceHello hello) throws MqttException {
        publish(MqttTopics.Kind.HELLO, ContractJson.write(DeviceMessage.Hello.of(hello)));
    }

    /** Signs a reading with this device's key in the open session, with the next sequence, and publishes it. */
    public SignedReading sendReading(Coding dataClass, byte[] payload) throws MqttException {
        SignedReading reading;
        synchronized (this) {
            if (sessionId == null) {
                throw new IllegalStateException("device " + deviceId + " has no open session");
            }
            reading = SignedReading.sign(key, deviceId, sessionId, nextSequence++, dataClass,
                    System.currentTimeMillis(), payload);
        }
        sendReading(reading);
        return reading;
    }

    /** Publishes {@code reading} as is: on the status topic if its data class is a status, else on readings. */
    public void sendReading(SignedReading reading) throws MqttException {
        MqttTopics.Kind kind = MqttIngress.STATUS_SYSTEM.equals(reading.dataClass().system())
                ? MqttTopics.Kind.STATUS : MqttTopics.Kind.READINGS;
        publish(kind, ContractJson.write(DeviceMessage.Reading.of(reading)));
    }

    /** Publishes raw bytes on one of this device's topics (for malformed messages). */
    public void publish(MqttTopics.Kind kind, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        client.publish(topics.topic(deviceId, kind), message);
    }

    // -----------------------------------------------------------------------------------------------------------
    // What the gateway said

    public synchronized List<GatewayMessage> received() {
        return List.copyOf(received);
    }

    /** The session answer about {@code session} that satisfies {@code wanted} (e.g. {@code closed}). */
    public GatewayMessage.Session awaitSession(Hash session, Predicate<GatewayMessage.Session> wanted,
                                               Duration timeout) throws TimeoutException {
        return await(GatewayMessage.Session.class, 0,
                answer -> session.equals(answer.sessionId()) && wanted.test(answer), timeout);
    }

    /** The receipt of the reading {@code sequence} of {@code session}. */
    public GatewayMessage.Receipt awaitReceipt(Hash session, long sequence, Duration timeout)
            throws TimeoutException {
        return await(GatewayMessage.Receipt.class, 0,
                receipt -> session.equals(receipt.sessionId()) && receipt.sequence() == sequence, timeout);
    }

    /** The first error about a message on {@code kind} that satisfies {@code wanted}. */
    public GatewayMessage.Error awaitError(MqttTopics.Kind kind, Predicate<GatewayMessage.Error> wanted,
                                           Duration timeout) throws TimeoutException {
        return await(GatewayMessage.Error.class, 0, error -> kind.level().equals(error.topic())
                && wanted.test(error), timeout);
    }

    private synchronized int receivedCount() {
        return received.size();
    }

    private synchronized <T extends GatewayMessage> T await(Class<T> type, int from, Predicate<T> wanted,
                                                            Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = from;
        while (true) {
            for (; next < received.size(); next++) {
                GatewayMessage message = received.get(next);
                if (type.isInstance(message) && wanted.test(type.cast(message))) {
                    return type.cast(message);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("device " + deviceId + " got no such " + type.getSimpleName()
                        + " within " + timeout + "; received " + received);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TimeoutException("interrupted while device " + deviceId + " waited");
            }
        }
    }

    private synchronized void record(GatewayMessage message) {
        received.add(message);
        notifyAll();
    }

    @Override
    public void close() {
        PahoClients.closeQuietly(client);
    }

    private final class Inbox implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                topics.parse(topic).flatMap(parsed -> GatewayMessage.read(parsed.kind(), message.getPayload(), topic))
                        .ifPresent(MqttDevice.this::record);
            } catch (RuntimeException e) {
                record(new GatewayMessage.Error(topic, "device could not read the gateway's message: "
                        + e.getMessage()));
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
