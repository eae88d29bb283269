package org.fogledger.agents.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.SignedReading;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway's ingress from an MQTT broker: devices publish on their own topics ({@link MqttTopics}), the ingress
 * checks the message's size and form and that the topic's device id is the one the message is signed for, hands
 * hellos and readings to the {@link Gateway} actor, and publishes the gateway's answers on the device's topics.
 * Each session opened over MQTT gets an {@link MqttDeviceConnection}, so a session the gateway closes (e.g. the
 * device was blocked on the ledger) is announced on the device's session topic. See docs/MQTT.md.
 *
 * <p>Authentication is the gateway's: a device proves its identity with its hello (signed with its registered key
 * over a fresh challenge) and each reading's signature. The broker's own access control, if any, is a second fence,
 * not the first: anyone may publish on any device's topics, and what they publish is refused unless signed.
 *
 * <p>Nothing here blocks the client's callback thread: the gateway is asked asynchronously, and answers are
 * published from whichever thread completes the ask. A malformed message never throws out of the callback (Paho
 * drops the connection if it does): it is refused, counted, and answered on the device's errors topic.
 *
 * <p>Broker loss: the client reconnects by itself (Paho's automatic reconnect, backing off up to 2 min), and every
 * (re)connection subscribes again; publications made while disconnected are buffered (up to 10,000, oldest dropped).
 */
public final class MqttIngress implements AutoCloseable {
    /** Status reports are readings whose data class is in this system (e.g. {@code #battery}, {@code #heartbeat}). */
    public static final String STATUS_SYSTEM = "urn:fogledger:device-status";
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngress.class);
    private static final MqttTopics.Kind[] SUBSCRIBED = {MqttTopics.Kind.CHALLENGE_REQUEST, MqttTopics.Kind.HELLO,
            MqttTopics.Kind.READINGS, MqttTopics.Kind.STATUS};

    private final MqttSettings settings;
    private final MqttTopics topics;
    private final ActorRef<Gateway.Command> gateway;
    private final Scheduler scheduler;
    private final TopicBinding binding;
    private final MqttAsyncClient client;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    /** Connected and subscribed: the ingress hears devices. */
    private final AtomicBoolean listening = new AtomicBoolean();

    private MqttIngress(MqttSettings settings, ActorRef<Gateway.Command> gateway, Scheduler scheduler,
                        TopicBinding binding) throws MqttException {
        this.settings = settings;
        this.topics = new MqttTopics(settings.topicPrefix());
        this.gateway = gateway;
        this.scheduler = scheduler;
        this.binding = binding;
        // In memory: Paho's default persistence writes files into the working directory.
        this.client = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence());
    }

    /**
     * Connects to the broker and subscribes to every device's topics; throws {@link IllegalStateException} naming
     * the broker if the first connection fails (later losses are reconnected).
     */
    public static MqttIngress start(MqttSettings settings, ActorRef<Gateway.Command> gateway, Scheduler scheduler) {
        return start(settings, gateway, scheduler, TopicBinding.STRICT);
    }

    static MqttIngress start(MqttSettings settings, ActorRef<Gateway.Command> gateway, Scheduler scheduler,
                             TopicBinding binding) {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(scheduler, "scheduler");
        MqttIngress ingress = null;
        try {
            ingress = new MqttIngress(settings, gateway, scheduler, binding);
            ingress.connect();
            return ingress;
        } catch (MqttException e) {
            if (ingress != null) {
                ingress.close();
            }
            throw new IllegalStateException("MQTT ingress cannot connect to " + settings.uri() + " as '"
                    + settings.clientId() + "': " + e.getMessage() + " (reason " + e.getReasonCode() + ")", e);
        }
    }

    private void connect() throws MqttException {
        client.setCallback(new Callback());
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(10_000);
        buffer.setDeleteOldestMessages(true);
        buffer.setPersistBuffer(false);
        client.setBufferOpts(buffer);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setKeepAliveInterval(30);
        client.connect(options).waitForCompletion(settings.connectTimeout().toMillis());
        // The first subscription is awaited, so devices are heard once start returns; reconnections subscribe in
        // connectComplete.
        client.subscribe(filters(), qualities()).waitForCompletion(settings.connectTimeout().toMillis());
        listening.set(true);
        LOG.info("MQTT ingress {} connected to {}: subscribed to {}/devices/+/...", settings.clientId(),
                settings.uri(), topics.prefix());
    }

    private String[] filters() {
        String[] filters = new String[SUBSCRIBED.length];
        for (int i = 0; i < SUBSCRIBED.length; i++) {
            filters[i] = topics.everyDevice(SUBSCRIBED[i]);
        }
        return filters;
    }

    private int[] qualities() {
        int[] qos = new int[SUBSCRIBED.length];
        java.util.Arrays.fill(qos, settings.qos());
        return qos;
    }

    public MqttTopics topics() {
        return topics;
    }

    public MqttIngressStats stats() {
        return new MqttIngressStats(received.get(), refused.get(), forwarded.get(), publishFailures.get(),
                listening.get() && client.isConnected());
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                // A short quiesce: answers still in flight are not worth holding a shutdown for.
                client.disconnect(1_000).waitForCompletion(settings.connectTimeout().toMillis());
            }
        } catch (MqttException e) {
            LOG.warn("MQTT ingress {}: disconnect failed: {}", settings.clientId(), e.toString());
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.warn("MQTT ingress {}: close failed: {}", settings.clientId(), e.toString());
            }
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (!reconnect) {
                return;
            }
            try {
                // Must not wait here: this runs on the client's thread, which the subscription's answer needs.
                client.subscribe(filters(), qualities(), null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        listening.set(true);
                        LOG.info("MQTT ingress {} reconnected to {}: subscribed again", settings.clientId(),
                                serverUri);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        LOG.error("MQTT ingress {}: cannot subscribe after reconnecting to {}: {}",
                                settings.clientId(), serverUri, String.valueOf(failure));
                    }
                });
            } catch (MqttException e) {
                LOG.error("MQTT ingress {}: cannot subscribe after reconnecting to {}: {}", settings.clientId(),
                        serverUri, e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            listening.set(false);
            LOG.warn("MQTT ingress {} lost the broker {} (reconnecting): {}", settings.clientId(), settings.uri(),
                    String.valueOf(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                onMessage(topic, message.getPayload());
            } catch (RuntimeException e) {
                // A bug here must not take the client down with it.
                LOG.error("MQTT ingress {}: failed on a message on {}", settings.clientId(), topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    void onMessage(String topic, byte[] payload) {
        Optional<MqttTopics.DeviceTopic> parsed = topics.parse(topic);
        if (parsed.isEmpty() || !parsed.get().kind().fromDevice()) {
            // A device id MQTT cannot answer on, or a topic we do not take: nobody to tell.
            refused.incrementAndGet();
            LOG.debug("MQTT ingress {}: ignoring message on {}", settings.clientId(), topic);
            return;
        }
        received.incrementAndGet();
        String deviceId = parsed.get().deviceId();
        MqttTopics.Kind kind = parsed.get().kind();
        if (payload.length > settings.maxPayloadBytes()) {
            refuse(deviceId, kind, "message of " + payload.length + " bytes is over the limit of "
                    + settings.maxPayloadBytes());
            return;
        }
        switch (kind) {
            case CHALLENGE_REQUEST -> onChallengeRequest(deviceId, payload);
            case HELLO -> onHello(deviceId, payload);
            case READINGS, STATUS -> onReading(deviceId, kind, payload);
            default -> refuse(deviceId, kind, "devices do not publish on " + kind.level());
        }
    }

    private void onChallengeRequest(String deviceId, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).strip();
        if (!text.isEmpty() && !text.equals("{}")) {
            refuse(deviceId, MqttTopics.Kind.CHALLENGE_REQUEST, "a challenge request is empty or {}");
            return;
        }
        forwarded.incrementAndGet();
        CompletionStage<Gateway.ChallengeIssued> answer = AskPattern.ask(gateway,
                replyTo -> new Gateway.IssueChallenge(deviceId, replyTo), settings.answerTimeout(), scheduler);
        answer.whenComplete((issued, failure) -> {
            if (failure != null) {
                refuse(deviceId, MqttTopics.Kind.CHALLENGE_REQUEST, "the gateway did not answer within "
                        + settings.answerTimeout().toMillis() + " ms");
            } else {
                publish(deviceId, MqttTopics.Kind.CHALLENGE,
                        new GatewayMessage.Challenge(issued.gatewayId(), issued.challenge()));
            }
        });
    }

    private void onHello(String deviceId, byte[] payload) {
        DeviceHello hello;
        try {
            hello = ContractJson.read(payload, DeviceMessage.Hello.class, "hello").toHello();
        } catch (ContractRefusal | IllegalArgumentException e) {
            refuse(deviceId, MqttTopics.Kind.HELLO, e.getMessage());
            return;
        }
        String misplaced = binding.refusal(deviceId, hello.deviceId(), "hello");
        if (misplaced != null) {
            refuse(deviceId, MqttTopics.Kind.HELLO, misplaced);
            return;
        }
        forwarded.incrementAndGet();
        MqttDeviceConnection connection = new MqttDeviceConnection(this, deviceId, hello.challenge());
        CompletionStage<Gateway.SessionAnswer> answer = AskPattern.ask(gateway,
                replyTo -> new Gateway.OpenSession(hello, connection, replyTo), settings.answerTimeout(), scheduler);
        answer.whenComplete((session, failure) -> {
            GatewayMessage.Session message;
            if (failure != null) {
                message = new GatewayMessage.Session(GatewayMessage.Session.REFUSED, hello.challenge(),
                        "the gateway did not answer within " + settings.answerTimeout().toMillis() + " ms");
            } else if (session instanceof Gateway.SessionAnswer.Opened opened) {
                message = new GatewayMessage.Session(GatewayMessage.Session.OPENED, opened.sessionId(), null);
            } else {
                message = new GatewayMessage.Session(GatewayMessage.Session.REFUSED, hello.challenge(),
                        ((Gateway.SessionAnswer.Refused) session).reason());
            }
            publish(deviceId, MqttTopics.Kind.SESSION, message);
        });
    }

    private void onReading(String deviceId, MqttTopics.Kind kind, byte[] payload) {
        SignedReading reading;
        try {
            reading = ContractJson.read(payload, DeviceMessage.Reading.class, kind.level()).toReading();
        } catch (ContractRefusal | IllegalArgumentException e) {
            refuse(deviceId, kind, e.getMessage());
            return;
        }
        String misplaced = binding.refusal(deviceId, reading.deviceId(), "reading");
        if (misplaced != null) {
            refuse(deviceId, kind, misplaced);
            return;
        }
        boolean status = STATUS_SYSTEM.equals(reading.dataClass().system());
        if (kind == MqttTopics.Kind.STATUS && !status) {
            refuse(deviceId, kind, "a status report's dataClass.system is " + STATUS_SYSTEM + ", got '"
                    + reading.dataClass().system() + "' (telemetry goes on readings)");
            return;
        }
        if (kind == MqttTopics.Kind.READINGS && status) {
            refuse(deviceId, kind, "dataClass.system " + STATUS_SYSTEM + " is for the status topic");
            return;
        }
        forwarded.incrementAndGet();
        CompletionStage<Gateway.ReadingAnswer> answer = AskPattern.ask(gateway,
                replyTo -> new Gateway.SubmitReading(reading, replyTo), settings.answerTimeout(), scheduler);
        answer.whenComplete((result, failure) -> {
            GatewayMessage.Receipt receipt;
            if (failure != null) {
                receipt = new GatewayMessage.Receipt(GatewayMessage.Receipt.REFUSED, reading.sessionId(),
                        reading.sequence(), "the gateway did not answer within "
                        + settings.answerTimeout().toMillis() + " ms");
            } else if (result instanceof Gateway.ReadingAnswer.Accepted) {
                receipt = new GatewayMessage.Receipt(GatewayMessage.Receipt.ACCEPTED, reading.sessionId(),
                        reading.sequence(), null);
            } else {
                receipt = new GatewayMessage.Receipt(GatewayMessage.Receipt.REFUSED, reading.sessionId(),
                        reading.sequence(), ((Gateway.ReadingAnswer.Refused) result).reason());
            }
            publish(deviceId, MqttTopics.Kind.RECEIPTS, receipt);
        });
    }

    private void refuse(String deviceId, MqttTopics.Kind kind, String error) {
        refused.incrementAndGet();
        LOG.debug("MQTT ingress {}: refused a message of device {} on {}: {}", settings.clientId(), deviceId,
                kind.level(), error);
        publish(deviceId, MqttTopics.Kind.ERRORS, new GatewayMessage.Error(kind.level(), error));
    }

    /** Publishes {@code message} on the device's {@code kind} topic; never blocks, never throws. */
    void publish(String deviceId, MqttTopics.Kind kind, GatewayMessage message) {
        String topic = topics.topic(deviceId, kind);
        try {
            MqttMessage mqtt = new MqttMessage(ContractJson.write(message));
            mqtt.setQos(settings.qos());
            mqtt.setRetained(false);
            client.publish(topic, mqtt);
        } catch (MqttException | RuntimeException e) {
            publishFailures.incrementAndGet();
            LOG.warn("MQTT ingress {}: cannot publish on {}: {}", settings.clientId(), topic, e.toString());
        }
    }
}
