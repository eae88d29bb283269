package org.fogledger.simulator.behaviour;

import java.time.Duration;

/**
 * How the simulated system is set up and talked to.
 *
 * @param mqttUri              the broker devices reach the gateway through ({@code tcp://127.0.0.1:1883}), or null:
 *                             then the embedded system starts no MQTT ingress and {@code transport=mqtt} and
 *                             {@code churn} are unavailable
 * @param topicPrefix          the gateway's MQTT topic prefix (docs/MQTT.md)
 * @param answerTimeout        how long an operation waits for each answer before it counts as a timeout
 * @param maxReadingsPerSecond the embedded gateway's telemetry rate limit per device (what {@code flood} exceeds);
 *                             for a remote system, the rate its gateway enforces
 * @param gatewaySessions      the embedded gateway's session limit (for a remote system: its gateway's); the
 *                             simulator keeps at most half as many sessions open and ends those it forgets (a device
 *                             whose session was forgotten says hello again when it next sends)
 */
public record SystemOptions(String mqttUri, String topicPrefix, Duration answerTimeout, int maxReadingsPerSecond,
                            int gatewaySessions) {

    public SystemOptions {
        if (topicPrefix == null || topicPrefix.isBlank()) {
            throw new IllegalArgumentException("topicPrefix must not be empty");
        }
        if (answerTimeout == null || answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("answerTimeout must be positive, got " + answerTimeout);
        }
        if (maxReadingsPerSecond < 1 || maxReadingsPerSecond > 10_000) {
            throw new IllegalArgumentException("maxReadingsPerSecond must be in 1..10000, got "
                    + maxReadingsPerSecond);
        }
        if (gatewaySessions < 16 || gatewaySessions > 1_000_000) {
            throw new IllegalArgumentException("gatewaySessions must be in 16..1000000, got " + gatewaySessions);
        }
    }

    /** No MQTT, prefix {@code fogledger-sim}, 30 s answers, 20 readings a second, 50,000 sessions. */
    public static SystemOptions defaults() {
        return new SystemOptions(null, "fogledger-sim", Duration.ofSeconds(30), 20, 50_000);
    }

    public SystemOptions withMqtt(String uri, String prefix) {
        return new SystemOptions(uri, prefix, answerTimeout, maxReadingsPerSecond, gatewaySessions);
    }

    public SystemOptions withAnswerTimeout(Duration timeout) {
        return new SystemOptions(mqttUri, topicPrefix, timeout, maxReadingsPerSecond, gatewaySessions);
    }

    public SystemOptions withMaxReadingsPerSecond(int rate) {
        return new SystemOptions(mqttUri, topicPrefix, answerTimeout, rate, gatewaySessions);
    }

    public SystemOptions withGatewaySessions(int sessions) {
        return new SystemOptions(mqttUri, topicPrefix, answerTimeout, maxReadingsPerSecond, sessions);
    }
}
