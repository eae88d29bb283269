package org.fogledger.agents.mqtt;

import org.fogledger.agents.gateway.DeviceConnection;
import org.fogledger.ledger.crypto.Hash;

/**
 * A device session opened over MQTT: when the gateway closes it (device blocked, quarantined, replaced), the device
 * is told on its session topic. Publishing does not block, as the gateway requires of a connection.
 */
final class MqttDeviceConnection implements DeviceConnection {
    private final MqttIngress ingress;
    private final String deviceId;
    private final Hash sessionId;

    MqttDeviceConnection(MqttIngress ingress, String deviceId, Hash sessionId) {
        this.ingress = ingress;
        this.deviceId = deviceId;
        this.sessionId = sessionId;
    }

    @Override
    public void sessionClosed(String reason) {
        ingress.publish(deviceId, MqttTopics.Kind.SESSION,
                new GatewayMessage.Session(GatewayMessage.Session.CLOSED, sessionId, reason));
    }
}
