package org.fogledger.agents.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.crypto.Hash;
import org.junit.jupiter.api.Test;

/** A device (or the simulator) reads what the gateway published by the topic's kind, and nothing from its own. */
class GatewayMessageTest {
    private static final String TOPIC = "fl/devices/dev-42/session";

    @Test
    void eachGatewayKindReadsAsItsMessage() {
        GatewayMessage.Session closed = new GatewayMessage.Session(GatewayMessage.Session.CLOSED,
                Hash.of(new byte[Hash.LENGTH]), "device blocked: stolen");

        assertEquals(closed, GatewayMessage.read(MqttTopics.Kind.SESSION, ContractJson.write(closed), TOPIC)
                .orElseThrow());
        GatewayMessage.Error error = new GatewayMessage.Error("fl/devices/dev-42/hello", "not JSON");
        assertEquals(error, GatewayMessage.read(MqttTopics.Kind.ERRORS, ContractJson.write(error), TOPIC)
                .orElseThrow());
    }

    @Test
    void whatDevicesPublishCarriesNoGatewayMessage() {
        for (MqttTopics.Kind kind : new MqttTopics.Kind[] {MqttTopics.Kind.CHALLENGE_REQUEST, MqttTopics.Kind.HELLO,
                MqttTopics.Kind.READINGS, MqttTopics.Kind.STATUS}) {
            assertTrue(GatewayMessage.read(kind, new byte[] {'{', '}'}, TOPIC).isEmpty(), kind.toString());
        }
    }

    @Test
    void aMalformedMessageIsRefusedNamingItsTopic() {
        ContractRefusal refusal = assertThrows(ContractRefusal.class, () -> GatewayMessage.read(
                MqttTopics.Kind.RECEIPTS, "{\"state\": 7".getBytes(java.nio.charset.StandardCharsets.UTF_8), TOPIC));
        assertTrue(refusal.getMessage().contains(TOPIC), refusal.getMessage());
    }
}
