package org.fogledger.agents.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.SignedReading;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Test;

/** The JSON envelope carries exactly what the device signed; what is missing or malformed is named. */
class DeviceMessageTest {
    private static final KeyPair KEY = KeyPair.generate();
    private static final Hash SESSION = Hash.of(new byte[Hash.LENGTH]);
    private static final Coding HEART_RATE = Coding.of("http://loinc.org", "8867-4");

    @Test
    void aSignedReadingSurvivesTheEnvelopeAndStillVerifies() {
        SignedReading sent = SignedReading.sign(KEY, "dev-42", SESSION, 3, HEART_RATE, 1_796_079_601_000L,
                new byte[] {0, 1, 2, (byte) 0xff});

        SignedReading received = ContractJson.read(ContractJson.write(DeviceMessage.Reading.of(sent)),
                DeviceMessage.Reading.class, "readings").toReading();

        assertTrue(received.verifiesUnder(KEY.publicKey()));
        assertArrayEquals(sent.payload(), received.payload());
        assertEquals(sent.sequence(), received.sequence());
    }

    @Test
    void aSignedHelloSurvivesTheEnvelopeAndATamperedOneDoesNotVerify() {
        DeviceHello sent = DeviceHello.sign(KEY, "dev-42", "gw-ward-3", SESSION, 1_796_079_600_000L, "2.1.0");
        String json = new String(ContractJson.write(DeviceMessage.Hello.of(sent)), StandardCharsets.UTF_8);

        DeviceHello received = ContractJson.read(bytes(json), DeviceMessage.Hello.class, "hello").toHello();
        DeviceHello tampered = ContractJson.read(bytes(json.replace("2.1.0", "9.9.9")), DeviceMessage.Hello.class,
                "hello").toHello();

        assertTrue(received.verifiesUnder(KEY.publicKey()));
        assertFalse(tampered.verifiesUnder(KEY.publicKey()));
    }

    @Test
    void missingAndMalformedFieldsAreNamed() {
        assertEquals("field 'timeMillis': missing", assertThrows(IllegalArgumentException.class,
                () -> ContractJson.read(bytes("{\"deviceId\":\"dev-42\",\"gatewayId\":\"gw\",\"challenge\":\""
                        + SESSION.hex() + "\",\"firmware\":\"1.0\",\"signature\":\"01" + "00".repeat(64) + "\"}"),
                        DeviceMessage.Hello.class, "hello").toHello()).getMessage());
        ContractRefusal badHash = assertThrows(ContractRefusal.class, () -> ContractJson.read(
                bytes("{\"sessionId\":\"abc\"}"), DeviceMessage.Reading.class, "readings"));
        assertTrue(badHash.getMessage().startsWith("readings: field 'sessionId': expected a hash as 64 hex digits"),
                badHash.getMessage());
        SignedReading reading = SignedReading.sign(KEY, "dev-42", SESSION, 0, HEART_RATE, 1L, new byte[1]);
        DeviceMessage.Reading notBase64 = new DeviceMessage.Reading("dev-42", SESSION, 0L, HEART_RATE, 1L, "***",
                reading.signature());
        assertTrue(assertThrows(IllegalArgumentException.class, notBase64::toReading).getMessage()
                .startsWith("field 'payload': not base64"));
    }

    @Test
    void settingsComeFromTheReferenceConfigurationAndBadOnesAreRefusedNamingTheSetting() {
        MqttSettings settings = MqttSettings.fromConfig(ConfigFactory.load(), "gw-ward-3");
        assertEquals(new MqttSettings("tcp://127.0.0.1:1883", "fogledger-gateway-gw-ward-3", "fogledger", 1,
                32768, Duration.ofSeconds(30), Duration.ofSeconds(10)), settings);

        IllegalArgumentException qos = assertThrows(IllegalArgumentException.class, () -> new MqttSettings(
                "tcp://127.0.0.1:1883", "c", "fogledger", 3, 32768, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertEquals("fogledger.gateway.mqtt.qos must be 0, 1 or 2, got 3", qos.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.defaults("http://broker", "c", "fogledger"));
        assertThrows(IllegalArgumentException.class, () -> MqttSettings.defaults("tcp://b:1883", "c", "a/+/b"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
