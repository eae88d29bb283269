package org.fogledger.simulator.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.simulator.report.CheckResult;
import org.junit.jupiter.api.Test;

/** Each check against the bug it is there to catch, planted. */
class CorrectnessChecksTest {
    private static final Hash BLOCK_7 = hash(7);
    private static final Hash OTHER = hash(8);

    private static Hash hash(int n) {
        byte[] bytes = new byte[Hash.LENGTH];
        bytes[0] = (byte) n;
        return Hash.of(bytes);
    }

    @Test
    void aDeliveryDespiteDenialIsAViolation() {
        DeniedFlowCheck check = new DeniedFlowCheck();
        check.denied("dev-1", "org-x", "no consent in force", 0);
        check.denied("dev-2", "org-x", "no consent in force", 2);

        CheckResult result = check.result();
        assertEquals(2, result.checked());
        assertEquals(1, result.violations());
        assertTrue(result.examples().get(0).contains("dev-2"), result.examples().toString());
    }

    @Test
    void anAcknowledgedTransactionMissingFromTheChainIsAViolation() {
        AcknowledgedOnLedgerCheck check = new AcknowledgedOnLedgerCheck(100, 1);
        check.acknowledged(new AcknowledgedOnLedgerCheck.Acknowledged(hash(1), "register a", 7, 0,
                BLOCK_7));
        check.acknowledged(new AcknowledgedOnLedgerCheck.Acknowledged(hash(2), "register b", 7, 1,
                BLOCK_7));
        // Planted: a receipt naming a block the chain does not have at that height (a forked or lying validator).
        check.acknowledged(new AcknowledgedOnLedgerCheck.Acknowledged(hash(3), "register c", 9, 0,
                BLOCK_7));
        check.acknowledged(new AcknowledgedOnLedgerCheck.Acknowledged(hash(4), "register d", 12, 0,
                OTHER));

        CheckResult result = check.verify(height -> CompletableFuture.completedFuture(
                height == 7 ? Optional.of(BLOCK_7) : height == 9 ? Optional.of(OTHER) : Optional.empty()),
                Duration.ofSeconds(5));

        assertEquals(4, result.checked());
        assertEquals(2, result.violations(), result.examples().toString());
        assertTrue(result.examples().stream().anyMatch(e -> e.contains("register c") && e.contains("has block")));
        assertTrue(result.examples().stream().anyMatch(e -> e.contains("register d") && e.contains("has no block")));
    }

    @Test
    void aBlockedDeviceTheGatewayAdmitsIsAViolation() {
        BlockedRefusalCheck check = new BlockedRefusalCheck(10, 1);
        check.blocked(1, null);
        check.blocked(2, null);
        check.blocked(3, null);

        // Planted: a gateway that lets device 2 in although the ledger blocks it; device 3's probe gets no answer.
        CheckResult result = check.verify(blocked -> blocked.device() == 3
                        ? BlockedRefusalCheck.failedProbe(new java.util.concurrent.TimeoutException("no answer"))
                        : CompletableFuture.completedFuture(new BlockedRefusalCheck.Probe(blocked.device() != 2,
                        blocked.device() == 2 ? "session opened" : "device blocked: declared stolen")),
                device -> "dev-" + device, Duration.ofSeconds(5));

        assertEquals(3, result.checked());
        assertEquals(2, result.violations(), result.examples().toString());
        assertTrue(result.examples().stream().anyMatch(e -> e.startsWith("dev-2 is blocked")));
    }

    @Test
    void reservoirKeepsABoundedUniformSample() {
        Reservoir<Integer> reservoir = new Reservoir<>(10, 3);
        for (int i = 0; i < 10_000; i++) {
            reservoir.offer(i);
        }
        assertEquals(10, reservoir.sample().size());
        assertEquals(10_000, reservoir.offered());
        assertTrue(reservoir.sample().stream().anyMatch(i -> i >= 10), "later items get in");
    }
}
