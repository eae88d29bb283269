package org.fogledger.agents.mqtt;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * How a gateway's MQTT ingress reaches its broker (configuration block {@code fogledger.gateway.mqtt}).
 *
 * @param uri             the broker, {@code tcp://host:port} (or {@code ssl://host:port})
 * @param clientId        the ingress's MQTT client id; unique per broker (a second client with the same id makes the
 *                        broker drop the first)
 * @param topicPrefix     the first levels of every topic ({@code <prefix>/devices/<deviceId>/<kind>})
 * @param qos             the MQTT quality of service of subscriptions and publications, 0, 1 or 2
 * @param maxPayloadBytes largest device message taken; larger ones are refused unread
 * @param answerTimeout   how long the ingress waits for the gateway's answer to a hello or reading
 * @param connectTimeout  how long the first connection to the broker may take
 */
public record MqttSettings(String uri, String clientId, String topicPrefix, int qos, int maxPayloadBytes,
                           Duration answerTimeout, Duration connectTimeout) {
    public static final String CONFIG_PATH = "fogledger.gateway.mqtt";
    /** A reading's payload (16 KiB) in base64 with its signature and fields fits with room to spare. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 32 * 1024;

    public MqttSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (!uri.startsWith("tcp://") && !uri.startsWith("ssl://")) {
            throw new IllegalArgumentException(CONFIG_PATH + ".uri must be tcp://host:port or ssl://host:port, got '"
                    + uri + "'");
        }
        if (clientId.isEmpty() || clientId.length() > 128) {
            throw new IllegalArgumentException(CONFIG_PATH + ".client-id must be 1-128 characters, got '" + clientId
                    + "'");
        }
        MqttTopics.checkPrefix(topicPrefix);
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException(CONFIG_PATH + ".qos must be 0, 1 or 2, got " + qos);
        }
        if (maxPayloadBytes < 1024 || maxPayloadBytes > 1024 * 1024) {
            throw new IllegalArgumentException(CONFIG_PATH + ".max-payload-bytes must be in 1024..1048576, got "
                    + maxPayloadBytes);
        }
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException(CONFIG_PATH + ".answer-timeout must be positive");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException(CONFIG_PATH + ".connect-timeout must be positive");
        }
    }

    /** The broker at {@code uri}, topics under {@code topicPrefix}, QoS 1, 32 KiB messages, 30 s answers. */
    public static MqttSettings defaults(String uri, String clientId, String topicPrefix) {
        return new MqttSettings(uri, clientId, topicPrefix, 1, DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofSeconds(30),
                Duration.ofSeconds(10));
    }

    /**
     * Reads block {@code fogledger.gateway.mqtt} of {@code config}; an empty {@code client-id} becomes
     * {@code fogledger-gateway-<gatewayId>}.
     */
    public static MqttSettings fromConfig(Config config, String gatewayId) {
        Config mqtt = config.getConfig(CONFIG_PATH);
        String clientId = mqtt.getString("client-id");
        return new MqttSettings(mqtt.getString("uri"),
                clientId.isEmpty() ? "fogledger-gateway-" + gatewayId : clientId,
                mqtt.getString("topic-prefix"), mqtt.getInt("qos"), mqtt.getInt("max-payload-bytes"),
                mqtt.getDuration("answer-timeout"), mqtt.getDuration("connect-timeout"));
    }

    public MqttSettings withTopicPrefix(String prefix) {
        return new MqttSettings(uri, clientId, prefix, qos, maxPayloadBytes, answerTimeout, connectTimeout);
    }
}
