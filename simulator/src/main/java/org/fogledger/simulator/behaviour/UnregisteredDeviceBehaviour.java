package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;

/**
 * {@code unregistered-device} (malicious): a device no one registered ({@code sim-<seed>-x<n>}, with a key of its
 * own) asks the gateway for a challenge and says a correctly signed hello. Ok only when the gateway refuses it as
 * not registered; a session opened is {@code admitted-unregistered}.
 *
 * <p>Parameter {@code transport}: {@code inprocess} or {@code mqtt}.
 */
final class UnregisteredDeviceBehaviour implements Behaviour {
    static final String KIND = "unregistered-device";

    private final Parts parts;
    private final GatewayPort port;

    UnregisteredDeviceBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "transport");
        this.parts = parts;
        this.port = parts.port(KIND, params);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        long n = parts.strangers.getAndIncrement();
        String id = parts.strangerId(n);
        KeyPair key = parts.strangerKeys.key(1000 + (n % 1000));
        return Behaviours.guarded(parts.work, () -> DeviceSessions.hello(port, id, key).thenApply(answer -> {
            if (answer instanceof Gateway.SessionAnswer.Refused refused) {
                return refused.reason().contains("not registered") ? Outcome.OK
                        : new Outcome.Failed(Behaviours.refusedKind(refused.reason()), id + ": refused, but not as "
                        + "unregistered: " + refused.reason());
            }
            return new Outcome.Failed("admitted-unregistered", id + " is on no registry and got a session");
        }));
    }
}
