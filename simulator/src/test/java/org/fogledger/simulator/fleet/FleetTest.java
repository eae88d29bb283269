package org.fogledger.simulator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FleetTest {
    private final FleetSpec spec = new FleetSpec(1000, 10, 3, 4, 0xC0FFEEL);

    @Test
    void everythingAboutADeviceDerivesFromTheSeedAndItsIndex() {
        Fleet one = new Fleet(spec);
        Fleet two = new Fleet(spec, 2);
        assertEquals("sim-c0ffee-d0000042", one.deviceId(42));
        assertEquals(42, one.indexOf("sim-c0ffee-d0000042"));
        assertEquals(-1, one.indexOf("sim-c0ffee-d0001000"));
        assertEquals(-1, one.indexOf("dev-42"));
        for (int i = 0; i < 50; i++) {
            assertEquals(one.deviceKey(i).publicKey(), two.deviceKey(i).publicKey());
            assertEquals(one.location(i), two.location(i));
            assertEquals(one.profile(i), two.profile(i));
        }
        assertNotEquals(one.deviceKey(1).publicKey(), one.deviceKey(2).publicKey());
        assertNotEquals(one.deviceKey(3).publicKey(), one.ownerKey(3).publicKey(), "kinds give unrelated keys");
        assertNotEquals(one.deviceKey(1).publicKey(), new Fleet(new FleetSpec(1000, 10, 3, 4, 1L)).deviceKey(1)
                .publicKey());
        assertEquals(7, one.ownerOf(17));
        Set<String> places = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            places.add(one.location(i));
            assertTrue(one.location(i).startsWith(Fleet.regionPath(one.regionOf(i)) + "/s"));
        }
        assertEquals(12, places.size(), "every site of every region gets devices");
    }

    @Test
    void claimsTakeDevicesOfAStageAndReleasesPutThemWhereTheOperationSays() {
        Fleet fleet = new Fleet(spec);
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(1000, fleet.count(DeviceStage.UNREGISTERED));
        assertNull(fleet.claim(DeviceStage.OPERATIONAL, random));
        Set<Integer> operational = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Fleet.Claimed claimed = fleet.claim(DeviceStage.UNREGISTERED, random);
            assertEquals(DeviceStage.UNREGISTERED, claimed.from());
            assertEquals(DeviceStage.BUSY, fleet.stage(claimed.device()));
            fleet.release(claimed.device(), i % 3 == 0 ? DeviceStage.CONSENTED : DeviceStage.OPERATIONAL);
            operational.add(claimed.device());
        }
        assertEquals(300, operational.size(), "a claimed device is not claimed again");
        assertEquals(700, fleet.count(DeviceStage.UNREGISTERED));
        assertEquals(100, fleet.count(DeviceStage.CONSENTED));
        assertEquals(200, fleet.count(DeviceStage.OPERATIONAL));
        for (int i = 0; i < 300; i++) {
            Fleet.Claimed claimed = fleet.claim(DeviceStage.OPERATIONAL, DeviceStage.CONSENTED, random);
            assertTrue(operational.contains(claimed.device()));
        }
        assertNull(fleet.claim(DeviceStage.OPERATIONAL, DeviceStage.CONSENTED, random), "all are busy");
        assertEquals(300, fleet.count(DeviceStage.BUSY));
        fleet.move(5, DeviceStage.RETIRED);
        assertEquals(DeviceStage.RETIRED, fleet.stage(5));
        assertThrows(IllegalStateException.class, () -> fleet.release(5, DeviceStage.OPERATIONAL));
        int total = 0;
        for (DeviceStage stage : DeviceStage.values()) {
            total += fleet.count(stage);
        }
        assertEquals(1000, total);
    }

    @Test
    void aDeviceIsMarkedOnce() {
        Fleet fleet = new Fleet(spec);
        assertTrue(fleet.markOnce(999));
        assertFalse(fleet.markOnce(999));
        assertTrue(fleet.markOnce(998));
    }
}
