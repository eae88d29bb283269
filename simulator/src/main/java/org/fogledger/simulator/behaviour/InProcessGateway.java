package org.fogledger.simulator.behaviour;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.fogledger.agents.gateway.DataRequest;
import org.fogledger.agents.gateway.DeviceConnection;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.SignedReading;

/**
 * The gateway actor asked directly, as a device in the same JVM would. Answers are handed on to the simulator's
 * executor, so that the signing that follows an answer does not run on the actor system's threads.
 */
final class InProcessGateway implements GatewayPort {
    /** A simulated device is told its session closed; the simulator learns it at its next reading. */
    private static final DeviceConnection IGNORING = reason -> { };

    private final ActorRef<Gateway.Command> gateway;
    private final Scheduler scheduler;
    private final Duration timeout;
    private final Executor work;

    InProcessGateway(ActorRef<Gateway.Command> gateway, Scheduler scheduler, Duration timeout, Executor work) {
        this.gateway = gateway;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.work = work;
    }

    @Override
    public String transport() {
        return "inprocess";
    }

    @Override
    public CompletionStage<Gateway.ChallengeIssued> challenge(String deviceId) {
        return ask(replyTo -> new Gateway.IssueChallenge(deviceId, replyTo));
    }

    @Override
    public CompletionStage<Gateway.SessionAnswer> hello(DeviceHello hello) {
        return ask(replyTo -> new Gateway.OpenSession(hello, IGNORING, replyTo));
    }

    @Override
    public CompletionStage<Gateway.ReadingAnswer> reading(SignedReading reading) {
        return ask(replyTo -> new Gateway.SubmitReading(reading, replyTo));
    }

    /** The device ends its session (the in-process API has this; MQTT does not). */
    void end(org.fogledger.ledger.crypto.Hash sessionId) {
        gateway.tell(new Gateway.EndSession(sessionId));
    }

    CompletionStage<Gateway.DataAnswer> requestData(DataRequest request) {
        return ask(replyTo -> new Gateway.RequestData(request, replyTo));
    }

    private <T> CompletionStage<T> ask(org.apache.pekko.japi.function.Function<ActorRef<T>, Gateway.Command> message) {
        return AskPattern.ask(gateway, message, timeout, scheduler).thenApplyAsync(answer -> answer, work);
    }
}
