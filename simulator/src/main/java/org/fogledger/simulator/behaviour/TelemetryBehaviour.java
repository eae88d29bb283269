package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;

/**
 * {@code telemetry}: an admitted device sends one signed reading to the gateway, in its open session (opening one
 * with a signed hello over a fresh challenge when it has none, or when the gateway closed it). Ok when the gateway
 * accepts the reading.
 *
 * <p>Parameter {@code transport}: {@code inprocess} (the gateway actor; default when the gateway is in this JVM) or
 * {@code mqtt} (the device's topics through the broker).
 */
final class TelemetryBehaviour implements Behaviour {
    static final String KIND = "telemetry";

    private final Parts parts;
    private final GatewayPort port;

    TelemetryBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "transport");
        this.parts = parts;
        String transport = Behaviours.choice(KIND, params, "transport", parts.defaultTransport(),
                parts.defaultTransport().equals("mqtt") ? "inprocess" : "mqtt");
        this.port = parts.port(KIND, transport);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        return Behaviours.onAdmittedDevice(parts, random, "no admitted device",
                device -> send(parts, port, device, true));
    }

    /**
     * Sends one reading of {@code device} in its session; when the gateway no longer knows the session (closed,
     * replaced, forgotten) and {@code retry}, opens a new one and sends again once.
     */
    static CompletionStage<Outcome> send(Parts parts, GatewayPort port, int device, boolean retry) {
        DeviceSessions sessions = parts.sessions;
        return sessions.session(device, port).thenCompose(opened -> {
            if (opened.session() == null) {
                return Behaviours.done(new Outcome.Failed(Behaviours.refusedKind(opened.refusal()),
                        parts.fleet.deviceId(device) + " hello refused: " + opened.refusal()));
            }
            return port.reading(sessions.nextReading(device, opened.session(), parts.fleet.deviceKey(device)))
                    .thenCompose(answer -> {
                        if (answer instanceof Gateway.ReadingAnswer.Accepted) {
                            return Behaviours.done(Outcome.OK);
                        }
                        String reason = ((Gateway.ReadingAnswer.Refused) answer).reason();
                        if (retry && isSessionGone(reason)) {
                            sessions.forget(device);
                            return send(parts, port, device, false);
                        }
                        return Behaviours.done(new Outcome.Failed(Behaviours.refusedKind(reason),
                                parts.fleet.deviceId(device) + ": " + reason));
                    });
        });
    }

    /** The gateway's words for a session it closed or does not know (docs/GATEWAYS.md). */
    static boolean isSessionGone(String reason) {
        return reason.startsWith("session closed") || reason.contains("unknown session")
                || reason.contains("no open session") || reason.contains("replaced by a new session");
    }
}
