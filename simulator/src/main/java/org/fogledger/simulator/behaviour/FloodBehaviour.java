package org.fogledger.simulator.behaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;

/**
 * {@code flood} (malicious): an admitted device opens a fresh session and sends {@code 2 × rate + 1} correctly
 * signed readings at once, more than the gateway's per-second limit allows even if they straddle two of its
 * one-second windows. Ok only when the gateway refuses some of them for the rate limit and refuses none for any
 * other reason.
 *
 * <p>Parameters: {@code rate}, the gateway's limit in readings per second (default: the embedded gateway's, or
 * {@link SystemOptions#maxReadingsPerSecond} for a remote one); {@code transport} ({@code inprocess} or
 * {@code mqtt}).
 */
final class FloodBehaviour implements Behaviour {
    static final String KIND = "flood";

    private final Parts parts;
    private final GatewayPort port;
    private final int rate;

    FloodBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "rate", "transport");
        this.parts = parts;
        this.rate = Behaviours.integer(KIND, params, "rate", parts.options.maxReadingsPerSecond(), 1, 1000);
        this.port = parts.port(KIND, params);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        return Behaviours.onAdmittedDevice(parts, random, "no admitted device", this::flood);
    }

    private CompletionStage<Outcome> flood(int device) {
        String id = parts.fleet.deviceId(device);
        return parts.sessions.open(device, port).thenCompose(opened -> {
            if (opened.session() == null) {
                return Behaviours.done(new Outcome.Failed(Behaviours.refusedKind(opened.refusal()),
                        id + ": hello refused: " + opened.refusal()));
            }
            List<CompletableFuture<Gateway.ReadingAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 2 * rate + 1; i++) {
                answers.add(port.reading(parts.sessions.nextReading(device, opened.session(),
                        parts.fleet.deviceKey(device))).toCompletableFuture());
            }
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(all -> {
                int accepted = 0;
                int limited = 0;
                String other = null;
                for (CompletableFuture<Gateway.ReadingAnswer> answer : answers) {
                    Gateway.ReadingAnswer reading = answer.join();
                    if (reading instanceof Gateway.ReadingAnswer.Accepted) {
                        accepted++;
                    } else if (((Gateway.ReadingAnswer.Refused) reading).reason().startsWith("rate limit")) {
                        limited++;
                    } else if (other == null) {
                        other = ((Gateway.ReadingAnswer.Refused) reading).reason();
                    }
                }
                // The session's rate window is now full: a reading right after would be refused.
                parts.sessions.forget(device);
                if (other != null) {
                    return new Outcome.Failed(Behaviours.refusedKind(other), id + ": refused for another reason: "
                            + other);
                }
                return limited > 0 ? Outcome.OK : new Outcome.Failed("flood-not-limited", id + ": " + accepted
                        + " readings at once all accepted, the limit is " + rate + " a second");
            });
        });
    }
}
