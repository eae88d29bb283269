package org.fogledger.simulator.behaviour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.SignedReading;
import org.fogledger.agents.mqtt.DeviceMessage;
import org.fogledger.agents.mqtt.GatewayMessage;
import org.fogledger.agents.mqtt.MqttIngress;
import org.fogledger.agents.mqtt.MqttTopics;
import org.fogledger.agents.mqtt.PahoClients;
import org.fogledger.ledger.contract.ContractJson;

/**
 * Many simulated devices on one MQTT connection: the simulator publishes on each device's own topics (as the
 * device would; the development broker authenticates nobody, docs/MQTT.md) and subscribes to every device's answer
 * topics with one wildcard each. An answer is matched to the operation waiting for it by device, and by challenge,
 * session or sequence. One connection instead of one per device is what lets a million devices share a JVM; the
 * gateway sees the same messages either way ({@code churn} opens real per-device connections).
 */
final class MqttGateway implements GatewayPort, AutoCloseable {
    private static final MqttTopics.Kind[] ANSWERS = {MqttTopics.Kind.CHALLENGE, MqttTopics.Kind.SESSION,
            MqttTopics.Kind.RECEIPTS, MqttTopics.Kind.ERRORS};

    private final String uri;
    private final MqttTopics topics;
    private final Duration timeout;
    private final Executor work;
    private final MqttAsyncClient client;
    private final Map<String, List<Waiter>> waiting = new ConcurrentHashMap<>();

    /** An operation waiting for one answer about one device: {@code match} turns a message into it, or null. */
    private record Waiter(Function<GatewayMessage, Object> match, CompletableFuture<Object> answer) {
    }

    private MqttGateway(String uri, String topicPrefix, Duration timeout, Executor work) throws MqttException {
        this.uri = uri;
        this.topics = new MqttTopics(topicPrefix);
        this.timeout = timeout;
        this.work = work;
        this.client = new MqttAsyncClient(uri, "fogledger-sim-" + UUID.randomUUID().toString().substring(0, 12),
                new MemoryPersistence());
    }

    /** Connects and subscribes before it returns; fails naming the broker when it cannot. */
    static MqttGateway connect(String uri, String topicPrefix, Duration timeout, Executor work) {
        try {
            MqttGateway gateway = new MqttGateway(uri, topicPrefix, timeout, work);
            gateway.client.setCallback(gateway.new Inbox());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(true);
            options.setMaxInflight(20_000);
            options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
            gateway.client.connect(options).waitForCompletion(timeout.toMillis());
            String[] filters = new String[ANSWERS.length];
            int[] qos = new int[ANSWERS.length];
            for (int i = 0; i < ANSWERS.length; i++) {
                filters[i] = topicPrefix + "/devices/+/" + ANSWERS[i].level();
                qos[i] = 1;
            }
            gateway.client.subscribe(filters, qos).waitForCompletion(timeout.toMillis());
            return gateway;
        } catch (MqttException e) {
            throw new IllegalStateException("the simulator cannot connect to the MQTT broker " + uri + ": "
                    + e.getMessage(), e);
        }
    }

    String uri() {
        return uri;
    }

    String topicPrefix() {
        return topics.prefix();
    }

    @Override
    public String transport() {
        return "mqtt";
    }

    @Override
    public CompletionStage<Gateway.ChallengeIssued> challenge(String deviceId) {
        return exchange(deviceId, MqttTopics.Kind.CHALLENGE_REQUEST, new byte[0], message -> {
            if (message instanceof GatewayMessage.Challenge challenge) {
                return new Gateway.ChallengeIssued(challenge.gatewayId(), challenge.challenge());
            }
            return message instanceof GatewayMessage.Error error && isAbout(error, MqttTopics.Kind.CHALLENGE_REQUEST)
                    ? new IllegalStateException("the MQTT ingress refused the challenge request: " + error.error())
                    : null;
        }).thenApply(answer -> {
            if (answer instanceof IllegalStateException refused) {
                throw refused;
            }
            return (Gateway.ChallengeIssued) answer;
        });
    }

    @Override
    public CompletionStage<Gateway.SessionAnswer> hello(DeviceHello hello) {
        return exchange(hello.deviceId(), MqttTopics.Kind.HELLO, ContractJson.write(DeviceMessage.Hello.of(hello)),
                message -> {
                    if (message instanceof GatewayMessage.Session session
                            && hello.challenge().equals(session.sessionId())
                            && !session.is(GatewayMessage.Session.CLOSED)) {
                        return session.is(GatewayMessage.Session.OPENED)
                                ? new Gateway.SessionAnswer.Opened(session.sessionId())
                                : new Gateway.SessionAnswer.Refused(session.reason());
                    }
                    return message instanceof GatewayMessage.Error error && isAbout(error, MqttTopics.Kind.HELLO)
                            ? new Gateway.SessionAnswer.Refused(error.error()) : null;
                }).thenApply(answer -> (Gateway.SessionAnswer) answer);
    }

    @Override
    public CompletionStage<Gateway.ReadingAnswer> reading(SignedReading reading) {
        MqttTopics.Kind kind = MqttIngress.STATUS_SYSTEM.equals(reading.dataClass().system())
                ? MqttTopics.Kind.STATUS : MqttTopics.Kind.READINGS;
        return exchange(reading.deviceId(), kind, ContractJson.write(DeviceMessage.Reading.of(reading)), message -> {
            if (message instanceof GatewayMessage.Receipt receipt && reading.sessionId().equals(receipt.sessionId())
                    && receipt.sequence() == reading.sequence()) {
                return receipt.accepted() ? new Gateway.ReadingAnswer.Accepted(receipt.sequence())
                        : new Gateway.ReadingAnswer.Refused(receipt.reason());
            }
            return message instanceof GatewayMessage.Error error && isAbout(error, kind)
                    ? new Gateway.ReadingAnswer.Refused(error.error()) : null;
        }).thenApply(answer -> (Gateway.ReadingAnswer) answer);
    }

    private static boolean isAbout(GatewayMessage.Error error, MqttTopics.Kind kind) {
        return kind.level().equals(error.topic());
    }

    /** Registers the waiter first (an answer may come back before publish returns), then publishes. */
    private CompletableFuture<Object> exchange(String deviceId, MqttTopics.Kind kind, byte[] payload,
                                               Function<GatewayMessage, Object> match) {
        Waiter waiter = new Waiter(match, new CompletableFuture<>());
        // Every change of a device's list happens inside the map's atomic compute for that device, so a waiter is
        // never added to a list that a concurrent removal has just taken out of the map.
        waiting.compute(deviceId, (id, list) -> {
            List<Waiter> waiters = list != null ? list : new ArrayList<>(2);
            waiters.add(waiter);
            return waiters;
        });
        waiter.answer.whenComplete((answer, failure) -> forget(deviceId, waiter));
        try {
            MqttMessage message = new MqttMessage(payload);
            message.setQos(1);
            client.publish(topics.topic(deviceId, kind), message);
        } catch (MqttException | RuntimeException e) {
            waiter.answer.completeExceptionally(new IllegalStateException("publishing on " + kind.level()
                    + " of " + deviceId + " failed: " + e.getMessage(), e));
        }
        return waiter.answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void forget(String deviceId, Waiter waiter) {
        waiting.computeIfPresent(deviceId, (id, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }

    private void deliver(String deviceId, GatewayMessage message) {
        waiting.computeIfPresent(deviceId, (id, list) -> {
            for (java.util.Iterator<Waiter> it = list.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                Object answer = waiter.match.apply(message);
                if (answer != null) {
                    it.remove();
                    // Completed on the simulator's executor: what follows (signing, publishing) must neither hold
                    // Paho's thread nor run inside this compute.
                    work.execute(() -> waiter.answer.complete(answer));
                    if (!(message instanceof GatewayMessage.Error)) {
                        break;
                    }
                }
            }
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void close() {
        PahoClients.closeQuietly(client);
    }

    private final class Inbox implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                topics.parse(topic).ifPresent(parsed -> GatewayMessage.read(parsed.kind(), message.getPayload(),
                        topic).ifPresent(answer -> deliver(parsed.deviceId(), answer)));
            } catch (RuntimeException e) {
                // A message the simulator cannot read answers nobody; the waiting operation times out.
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
