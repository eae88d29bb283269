package org.fogledger.agents.gateway;

/**
 * The gateway's handle on a device's connection: the seam between the gateway and a transport. In-process, the
 * device's own object implements it; over MQTT, the adapter implements it by publishing the close on the device's
 * control topic and dropping the client. Called on the gateway actor's thread: implementations must not block.
 */
public interface DeviceConnection {

    /** The gateway closed the session; {@code reason} says why (e.g. {@code device blocked: stolen}). */
    void sessionClosed(String reason);
}
