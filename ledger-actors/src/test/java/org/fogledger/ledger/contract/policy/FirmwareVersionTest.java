package org.fogledger.ledger.contract.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FirmwareVersionTest {

    @Test
    void segmentsCompareAsNumbersAndMissingSegmentsCountAsZero() {
        assertTrue(FirmwareVersion.compare("2.10", "2.9") > 0);
        assertEquals(0, FirmwareVersion.compare("2.4", "2.4.0.0"));
        assertTrue(FirmwareVersion.compare("2.4.0.1", "2.4") > 0);
        assertTrue(FirmwareVersion.compare("1.999999999", "2") < 0);
        assertEquals(0, FirmwareVersion.compare("007", "7"));
    }

    @Test
    void onlyDottedNumbersWithinBoundsAreVersions() {
        assertTrue(FirmwareVersion.isValid("1.2.3.4.5.6.7.8"));
        assertFalse(FirmwareVersion.isValid("1.2.3.4.5.6.7.8.9"));
        assertFalse(FirmwareVersion.isValid("1234567890"));
        assertFalse(FirmwareVersion.isValid("2.4-beta"));
        assertFalse(FirmwareVersion.isValid("2..4"));
        assertFalse(FirmwareVersion.isValid(".2"));
        assertFalse(FirmwareVersion.isValid("2."));
        assertFalse(FirmwareVersion.isValid(""));
        assertFalse(FirmwareVersion.isValid("v2"));
    }
}
