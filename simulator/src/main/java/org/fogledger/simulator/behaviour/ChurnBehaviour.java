package org.fogledger.simulator.behaviour;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.fogledger.agents.mqtt.GatewayMessage;
import org.fogledger.agents.mqtt.MqttDevice;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;

/**
 * {@code churn}: an admitted device connects to the broker with its own MQTT connection (its own client id, as a
 * real device would), opens a session at the gateway with a signed hello, and disconnects. Ok when the session
 * opened. The new session replaces whatever session the device had, so the simulator forgets its own.
 *
 * <p>Paho's device client blocks while it connects, so the operation runs on the simulator's small pool for
 * blocking work; its latency includes the connection and the disconnection. No parameters.
 */
final class ChurnBehaviour implements Behaviour {
    static final String KIND = "churn";

    private final Parts parts;

    ChurnBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params);
        parts.port(KIND, "mqtt");
        this.parts = parts;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        return Behaviours.onAdmittedDevice(parts, random, "no admitted device",
                device -> CompletableFuture.supplyAsync(() -> connectAndLeave(device), parts.blocking));
    }

    private Outcome connectAndLeave(int device) {
        String id = parts.fleet.deviceId(device);
        Duration timeout = parts.options.answerTimeout();
        parts.sessions.forget(device);
        try (MqttDevice client = MqttDevice.connect(parts.mqtt.uri(), parts.mqtt.topicPrefix(), id,
                parts.fleet.deviceKey(device), timeout)) {
            GatewayMessage.Session answer = client.openSession(DeviceSessions.FIRMWARE, timeout);
            return answer.is(GatewayMessage.Session.OPENED) ? Outcome.OK
                    : new Outcome.Failed(Behaviours.refusedKind(answer.reason()), id + ": " + answer.reason());
        } catch (Exception e) {
            return Behaviours.failure(e);
        }
    }
}
