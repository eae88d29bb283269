package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.SignedReading;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;

/**
 * {@code replay} (malicious): something already seen is sent again, byte for byte. {@code target=reading} (default):
 * an admitted device's reading is accepted, then the same signed reading is sent again and must be refused as a
 * replay. {@code target=hello}: a hello that opened a session is sent again and must be refused (its challenge is
 * used). {@code target=transaction}: a transaction the ledger already committed is submitted again and must not be
 * committed twice: ok when the copy is refused ({@code NONCE_USED}) or answered with the original receipt (same
 * height, index and block: a validator answers a late copy of a recent commit so); a receipt anywhere else is a
 * second execution. Readings and hellos are ok only when the copy is refused.
 *
 * <p>Parameters: {@code target}, {@code transport} ({@code inprocess} or {@code mqtt}; readings and hellos).
 */
final class ReplayBehaviour implements Behaviour {
    static final String KIND = "replay";

    private final Parts parts;
    private final String target;
    private final GatewayPort port;

    ReplayBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "target", "transport");
        this.parts = parts;
        this.target = Behaviours.choice(KIND, params, "target", "reading", "hello", "transaction");
        this.port = parts.port(KIND, params);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        if ("transaction".equals(target)) {
            LedgerPort.Seen seen = parts.ledger.recentlyCommitted(random);
            if (seen == null) {
                return Behaviours.skipped("no transaction committed yet");
            }
            return Behaviours.guarded(parts.work, () -> parts.ledger.client().submit(seen.tx()).thenApply(result ->
                    executedOnce(seen, result) ? Outcome.OK : new Outcome.Failed("replay-committed", "transaction "
                            + seen.tx().hash().shortHex() + " (committed at " + seen.where().height() + "/"
                            + seen.where().index() + ") sent again: " + Behaviours.describe(result))));
        }
        return Behaviours.onAdmittedDevice(parts, random, "no admitted device",
                device -> "hello".equals(target) ? replayHello(device) : replayReading(device, true));
    }

    /**
     * Sends a reading in the device's session, then the same bytes again. When the gateway no longer knows the
     * session (closed by a block that was lifted since, replaced, forgotten) and {@code retry}, a new session is opened
     * and the replay tried once more: that refusal says nothing about replays.
     */
    private CompletionStage<Outcome> replayReading(int device, boolean retry) {
        String id = parts.fleet.deviceId(device);
        return parts.sessions.session(device, port).thenCompose(opened -> {
            if (opened.session() == null) {
                return Behaviours.done(new Outcome.Failed(Behaviours.refusedKind(opened.refusal()),
                        id + ": hello refused: " + opened.refusal()));
            }
            SignedReading reading = parts.sessions.nextReading(device, opened.session(),
                    parts.fleet.deviceKey(device));
            return port.reading(reading).thenCompose(first -> {
                if (first instanceof Gateway.ReadingAnswer.Refused refused) {
                    parts.sessions.forget(device);
                    if (retry && TelemetryBehaviour.isSessionGone(refused.reason())) {
                        return replayReading(device, false);
                    }
                    return Behaviours.done(new Outcome.Failed(Behaviours.refusedKind(refused.reason()),
                            id + ": the original reading was refused: " + refused.reason()));
                }
                return port.reading(reading).thenApply(again -> again instanceof Gateway.ReadingAnswer.Refused r
                        ? (r.reason().contains("replayed") ? Outcome.OK : new Outcome.Failed(
                                Behaviours.refusedKind(r.reason()), id + ": refused, not as a replay: " + r.reason()))
                        : new Outcome.Failed("accepted-replayed-reading", id + ": reading " + reading.sequence()
                                + " accepted twice"));
            });
        });
    }

    private CompletionStage<Outcome> replayHello(int device) {
        String id = parts.fleet.deviceId(device);
        return port.challenge(id).thenCompose(challenge -> {
            DeviceHello hello = DeviceHello.sign(parts.fleet.deviceKey(device), id, challenge.gatewayId(),
                    challenge.challenge(), System.currentTimeMillis(), DeviceSessions.FIRMWARE);
            parts.sessions.forget(device);
            return port.hello(hello).thenCompose(first -> {
                if (first instanceof Gateway.SessionAnswer.Refused refused) {
                    return Behaviours.done(new Outcome.Failed(Behaviours.refusedKind(refused.reason()),
                            id + ": the original hello was refused: " + refused.reason()));
                }
                return port.hello(hello).thenApply(again -> again instanceof Gateway.SessionAnswer.Refused r
                        ? (r.reason().contains("challenge") ? Outcome.OK : new Outcome.Failed(
                                Behaviours.refusedKind(r.reason()), id + ": refused, not as a replay: " + r.reason()))
                        : new Outcome.Failed("accepted-replayed-hello", id + ": one hello opened two sessions"));
            });
        });
    }

    /** A copy of a committed transaction is refused, or answered with the receipt it already had. */
    static boolean executedOnce(LedgerPort.Seen seen, SubmitResult answer) {
        if (answer instanceof SubmitResult.Refused) {
            return true;
        }
        return answer instanceof SubmitResult.Committed again
                && again.receipt().height() == seen.where().height()
                && again.receipt().index() == seen.where().index()
                && again.blockHash().equals(seen.where().blockHash());
    }
}
