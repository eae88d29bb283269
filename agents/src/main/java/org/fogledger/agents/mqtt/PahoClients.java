package org.fogledger.agents.mqtt;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/** What every MQTT client of FogLedger's devices and simulators does the same way with Paho. */
public final class PahoClients {
    private PahoClients() {
    }

    /**
     * Disconnects (half a second to finish in-flight work, five to be told it is done) and frees the client. A client
     * being closed has nothing left to do about a failure, so none is thrown.
     */
    public static void closeQuietly(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(500).waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // Closing: nothing left to do about it.
        }
    }
}
