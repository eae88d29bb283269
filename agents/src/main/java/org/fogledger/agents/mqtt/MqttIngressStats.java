package org.fogledger.agents.mqtt;

/**
 * What an ingress has seen since it started.
 *
 * @param received       device messages that arrived on subscribed topics
 * @param refused        messages the ingress refused itself (too large, malformed, topic and signed id disagree),
 *                       each answered on the device's errors topic
 * @param forwarded      hellos, readings and status reports handed to the gateway
 * @param publishFailures publications the client could not even queue (broker gone and buffer full)
 * @param connected      whether the ingress hears devices now: connected to the broker and subscribed
 */
public record MqttIngressStats(long received, long refused, long forwarded, long publishFailures,
                               boolean connected) {
}
