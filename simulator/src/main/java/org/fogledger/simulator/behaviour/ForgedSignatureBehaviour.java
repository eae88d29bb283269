package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;

/**
 * {@code forged-signature} (malicious): someone without an admitted device's key pretends to be it. With
 * {@code target=reading} (default) a reading in the device's open session signed with another key; with
 * {@code target=hello} a hello signed with another key. Ok only when the gateway refuses it because the signature
 * does not verify under the registered key. A forged reading counts as a failed authentication of the device's
 * session (at the threshold the gateway quarantines the session), so the simulator opens a new session for the
 * device's next reading.
 *
 * <p>Parameters: {@code target} ({@code reading} or {@code hello}), {@code transport} ({@code inprocess} or
 * {@code mqtt}).
 */
final class ForgedSignatureBehaviour implements Behaviour {
    static final String KIND = "forged-signature";

    private final Parts parts;
    private final GatewayPort port;
    private final boolean hello;

    ForgedSignatureBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "target", "transport");
        this.parts = parts;
        this.hello = Behaviours.choice(KIND, params, "target", "reading", "hello").equals("hello");
        this.port = parts.port(KIND, params);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        KeyPair forger = parts.strangerKeys.key(2000 + random.nextInt(1000));
        return Behaviours.onAdmittedDevice(parts, random, "no admitted device to impersonate",
                device -> hello ? forgeHello(device, forger) : forgeReading(device, forger));
    }

    private CompletionStage<Outcome> forgeHello(int device, KeyPair forger) {
        String id = parts.fleet.deviceId(device);
        return DeviceSessions.hello(port, id, forger).thenApply(answer -> {
            if (answer instanceof Gateway.SessionAnswer.Refused refused) {
                return judge(id, refused.reason());
            }
            parts.sessions.forget(device);
            return new Outcome.Failed("admitted-forged-hello", id + ": a hello signed with another key opened a "
                    + "session");
        });
    }

    private CompletionStage<Outcome> forgeReading(int device, KeyPair forger) {
        String id = parts.fleet.deviceId(device);
        return parts.sessions.session(device, port).thenCompose(opened -> {
            if (opened.session() == null) {
                return Behaviours.done(new Outcome.Failed(Behaviours.refusedKind(opened.refusal()),
                        id + ": its own hello was refused: " + opened.refusal()));
            }
            return port.reading(parts.sessions.nextReading(device, opened.session(), forger)).thenApply(answer -> {
                parts.sessions.forget(device);
                if (answer instanceof Gateway.ReadingAnswer.Refused refused) {
                    return judge(id, refused.reason());
                }
                return new Outcome.Failed("accepted-forged-reading", id + ": a reading signed with another key was "
                        + "accepted");
            });
        });
    }

    private static Outcome judge(String id, String reason) {
        return reason.contains("does not verify") ? Outcome.OK : new Outcome.Failed(Behaviours.refusedKind(reason),
                id + ": refused, but not for its signature: " + reason);
    }
}
