package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void portsHandedOutAreDistinctFreeAndBelowTheEphemeralRange() {
        int ephemeralStart = LoopbackPorts.ephemeralStart();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = LoopbackPorts.free();
            assertTrue(seen.add(port), () -> "handed out twice: " + port);
            if (ephemeralStart - LoopbackPorts.LOWEST >= 1_000) {
                assertTrue(port >= LoopbackPorts.LOWEST && port < ephemeralStart,
                        () -> port + " is not in [" + LoopbackPorts.LOWEST + ", " + ephemeralStart + ")");
            }
            assertTrue(LoopbackPorts.bindable(port), () -> port + " was handed out but cannot be bound");
            assertTrue(port < LoopbackPorts.RESERVED_FROM || port >= LoopbackPorts.RESERVED_TO,
                    () -> port + " is one of the local fog's ports");
        }
    }

    @Test
    void aPortSomebodyListensOnIsNotBindable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFalse(LoopbackPorts.bindable(taken.getLocalPort()));
        }
    }

    @Test
    void readsTheStartOfLinuxsEphemeralRange() {
        assertEquals(32768, LoopbackPorts.parseRangeStart("32768\t60999\n"));
        assertEquals(1024, LoopbackPorts.parseRangeStart("1024 65535"));
        assertThrows(IllegalArgumentException.class, () -> LoopbackPorts.parseRangeStart("32768"));
        assertThrows(NumberFormatException.class, () -> LoopbackPorts.parseRangeStart("low high"));
    }
}
