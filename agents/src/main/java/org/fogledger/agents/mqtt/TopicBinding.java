package org.fogledger.agents.mqtt;

/**
 * Whether a message may travel on the topic it came on: answers go to the topic's device, so a message must be on
 * the topics of the device it is signed for. A function of its own so the check can be shown to matter (a test
 * plants an ingress without it).
 */
@FunctionalInterface
interface TopicBinding {

    /** The topic's device must be the signed device. */
    TopicBinding STRICT = (topicDeviceId, signedDeviceId, what) -> topicDeviceId.equals(signedDeviceId) ? null
            : "topic names device '" + topicDeviceId + "' but the " + what + " is for device '" + signedDeviceId + "'";

    /** Null if a {@code what} (hello, reading) signed for {@code signedDeviceId} may come on the topic, else why not. */
    String refusal(String topicDeviceId, String signedDeviceId, String what);
}
