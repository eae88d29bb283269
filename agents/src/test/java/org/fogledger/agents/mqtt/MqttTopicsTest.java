package org.fogledger.agents.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {
    private final MqttTopics topics = new MqttTopics("fogledger/site-a");

    @Property
    void everyDeviceTopicParsesBackToItsDeviceAndKind(
            @ForAll @StringLength(min = 1, max = 128) @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9')
            @Chars({'.', '_', ':', '@', '=', '-'}) String deviceId,
            @ForAll MqttTopics.Kind kind) {
        assertEquals(Optional.of(new MqttTopics.DeviceTopic(deviceId, kind)),
                topics.parse(topics.topic(deviceId, kind)));
    }

    @Test
    void topicsOutsideThePrefixOrShapeAreNotDeviceTopics() {
        assertTrue(topics.parse("fogledger/devices/dev-1/hello").isEmpty(), "another prefix");
        assertTrue(topics.parse("fogledger/site-a/devices/dev-1/hello/extra").isEmpty(), "a level too many");
        assertTrue(topics.parse("fogledger/site-a/devices/dev-1/telemetry").isEmpty(), "an unknown kind");
        assertTrue(topics.parse("fogledger/site-a/devices//hello").isEmpty(), "no device id");
        assertTrue(topics.parse("fogledger/site-a/devices/dev+1/hello").isEmpty(), "a wildcard in the id");
    }

    @Test
    void subscriptionsTakeEveryDeviceOfOneKind() {
        assertEquals("fogledger/site-a/devices/+/readings", topics.everyDevice(MqttTopics.Kind.READINGS));
    }

    @Test
    void prefixesAndDeviceIdsMqttCannotCarryAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MqttTopics("fogledger/#"));
        assertThrows(IllegalArgumentException.class, () -> new MqttTopics("/fogledger"));
        assertThrows(IllegalArgumentException.class, () -> new MqttTopics("fogledger/"));
        assertThrows(IllegalArgumentException.class, () -> new MqttTopics("$SYS"));
        IllegalArgumentException slash = assertThrows(IllegalArgumentException.class,
                () -> topics.topic("eu/dev-1", MqttTopics.Kind.HELLO));
        assertTrue(slash.getMessage().contains("'eu/dev-1'"), slash.getMessage());
    }
}
