package org.fogledger.agents.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A device agent: what gateways report, kept as events (through the real JSON serializer binding). */
class DeviceAgentTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
            .withFallback(PersistenceTestKitSnapshotPlugin.config())
            .withFallback(ConfigFactory.load()));

    private EventSourcedBehaviorTestKit<DeviceAgent.Command, DeviceAgent.Event, DeviceAgent.State> kit;

    @BeforeEach
    void setUp() {
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), DeviceAgent.create("dev-" + System.nanoTime()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings());
        kit.clear();
    }

    @AfterAll
    static void tearDown() {
        TEST_KIT.shutdownTestKit();
    }

    private DeviceAgent.Ack seen(long at, String firmware) {
        return kit.<DeviceAgent.Ack>runCommand(replyTo -> new DeviceAgent.ReportSeen(at, firmware, replyTo)).reply();
    }

    private DeviceAgent.Ack failed(long at, String reason) {
        return kit.<DeviceAgent.Ack>runCommand(replyTo -> new DeviceAgent.ReportAuthenticationFailure(at, reason,
                replyTo)).reply();
    }

    private DeviceAgent.Health health() {
        return kit.<DeviceAgent.Health>runCommand(DeviceAgent.GetHealth::new).reply();
    }

    @Test
    void aSightingRecordsWhenAndWhichFirmware() {
        var result = kit.<DeviceAgent.Ack>runCommand(replyTo -> new DeviceAgent.ReportSeen(1_000, "2.4.1",
                replyTo));

        assertEquals("recorded", result.reply().outcome());
        assertEquals(List.of(new DeviceAgent.DeviceSeen(1_000, "2.4.1")), result.events());
        DeviceAgent.Health health = health();
        assertEquals(1_000, health.lastSeenMillis());
        assertEquals("2.4.1", health.firmware());
    }

    @Test
    void anOlderSightingIsIgnoredAndAnEmptyFirmwareKeepsTheKnownOne() {
        seen(2_000, "2.4.1");

        assertEquals("ignored", seen(1_500, "1.0.0").outcome());
        assertEquals("recorded", seen(3_000, "").outcome());

        assertEquals(3_000, health().lastSeenMillis());
        assertEquals("2.4.1", health().firmware());
    }

    @Test
    void fiveFailuresInARowMakeADeviceSuspectUntilItAuthenticatesAgain() {
        for (int i = 1; i < DeviceHealth.SUSPECT_AFTER; i++) {
            assertEquals("", failed(i, "bad signature").message());
        }
        assertFalse(health().suspect());

        assertEquals("device is suspect", failed(10, "bad signature").message());
        assertTrue(health().suspect());

        seen(20, "2.4.1");
        DeviceAgent.Health after = health();
        assertFalse(after.suspect());
        assertEquals(0, after.failedAuthentications());
        assertEquals(DeviceHealth.SUSPECT_AFTER, after.totalFailures());
        assertEquals("bad signature", after.lastFailure());
    }

    @Test
    void oversizedTextIsRefusedNamingTheField() {
        DeviceAgent.Ack ack = failed(1, "x".repeat(DeviceHealth.MAX_TEXT + 1));
        assertEquals("refused", ack.outcome());
        assertTrue(ack.message().startsWith("reason is 129 characters long"), ack.message());
        assertEquals(0, health().totalFailures());
    }

    @Test
    void aRestartedDeviceAgentRecoversFromItsJournal() {
        seen(5_000, "3.0.0");
        failed(6_000, "replayed nonce");
        DeviceAgent.State before = kit.getState();

        kit.restart();

        assertEquals(before, kit.getState());
    }
}
