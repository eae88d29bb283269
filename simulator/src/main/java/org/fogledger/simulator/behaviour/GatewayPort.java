package org.fogledger.simulator.behaviour;

import java.util.concurrent.CompletionStage;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.SignedReading;

/**
 * The device side of a gateway, whatever carries it: the {@link Gateway} actor's commands in-process, or the
 * device's MQTT topics through the broker. Answers use the gateway's own records; a message refused before the
 * gateway saw it (the MQTT ingress's {@code errors}) comes back as a refusal with the ingress's reason.
 */
interface GatewayPort {

    /** {@code inprocess} or {@code mqtt}. */
    String transport();

    CompletionStage<Gateway.ChallengeIssued> challenge(String deviceId);

    CompletionStage<Gateway.SessionAnswer> hello(DeviceHello hello);

    CompletionStage<Gateway.ReadingAnswer> reading(SignedReading reading);
}
