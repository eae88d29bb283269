package org.fogledger.agents.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Delivered units batched into reports whose sequence only grows; bounded sessions. */
class SharingMeterTest {

    @Test
    void unitsAreReportedInBatchesWithGrowingSequences() {
        SharingMeter meter = new SharingMeter(4, 5, 1000);

        assertNull(meter.count("wm-7", "laundry-1", 3));
        assertEquals(new SharingMeter.Report("wm-7", "laundry-1", 6, 1000), meter.count("wm-7", "laundry-1", 3));
        assertNull(meter.count("wm-7", "laundry-1", 2));
        assertNull(meter.count("wm-8", "dryer-1", 1));
        assertEquals(3, meter.pendingUnits());
        assertEquals(2 + 6, meter.outstanding("wm-7", "laundry-1"), "pending, and reported but unanswered");
        assertEquals(0, meter.outstanding("wm-9", "none"));

        List<SharingMeter.Report> reports = meter.drainAll();

        assertEquals(List.of(new SharingMeter.Report("wm-7", "laundry-1", 2, 1001),
                new SharingMeter.Report("wm-8", "dryer-1", 1, 1002)), reports);
        assertEquals(0, meter.pendingUnits());
        assertTrue(meter.drainAll().isEmpty());
    }

    @Test
    void unitsOfAFailedReportGoIntoTheNextWithAFreshSequence() {
        SharingMeter meter = new SharingMeter(4, 100, 1);
        meter.count("wm-7", "s", 4);
        SharingMeter.Report first = meter.drain("wm-7", "s");

        assertEquals(4, meter.outstanding("wm-7", "s"));
        meter.restore(first);
        meter.count("wm-7", "s", 1);
        assertEquals(5, meter.outstanding("wm-7", "s"));

        SharingMeter.Report second = meter.drain("wm-7", "s");
        assertEquals(new SharingMeter.Report("wm-7", "s", 5, 2), second);
        assertNull(meter.drain("wm-7", "s"));
        assertEquals(5, meter.outstanding("wm-7", "s"));
        meter.settled(second);
        assertEquals(0, meter.outstanding("wm-7", "s"));
    }

    @Test
    void pendingSessionsAreBounded() {
        SharingMeter meter = new SharingMeter(2, 100, 1);
        meter.count("a", "1", 1);
        meter.count("b", "1", 1);

        assertFalse(meter.hasRoomFor("c", "1"));
        assertTrue(meter.hasRoomFor("a", "1"));
        assertThrows(IllegalStateException.class, () -> meter.count("c", "1", 1));
    }
}
