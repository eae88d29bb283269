package org.fogledger.simulator.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTableTest {

    @Test
    void the_table_has_a_fixed_width_row_per_kind_and_a_total() {
        String table = SummaryTable.render(SampleReports.sample(List.of()));
        List<String> lines = table.lines().toList();
        assertEquals("Scenario ci-smoke against embedded", lines.get(0));
        assertEquals("started 2026-11-28T01:02:03.456789Z, ran 2.0 s, 2,000 devices, intervals of 1 s", lines.get(1));
        assertEquals("kind             sent        ok    failed      err%    rate/s    p50 ms    p90 ms    p99 ms"
                + "  p99.9 ms    max ms", lines.get(3));
        assertEquals("telemetry       3,000     2,990        10     0.33%   1,500.0      10.1      20.3     412.3"
                + "     800.0   1,234.5", lines.get(4));
        assertEquals("register          200       200         0     0.00%     100.0      75.0     120.0     150.0"
                + "     160.0     161.0", lines.get(5));
        assertEquals("all             3,200     3,190        10     0.31%   1,600.0", lines.get(6));
        int width = lines.get(3).length();
        assertEquals(width, lines.get(4).length());
        assertEquals(width, lines.get(5).length());
    }

    @Test
    void errors_checks_thresholds_trust_and_the_verdict_follow() {
        String table = SummaryTable.render(SampleReports.sample(List.of(
                new ThresholdResult("p99<500ms", true, "412.3 ms (telemetry)"),
                new ThresholdResult("errors<0.1%", false, "0.313%"))));
        assertTrue(table.contains("\nerrors by kind\n  telemetry  timeout 7, refused:not-registered 3\n"), table);
        assertTrue(table.contains("  ok     every blocked device is refused (40 checked, 0 violations)\n"), table);
        assertTrue(table.contains("  FAIL   every acknowledged transaction is on the ledger (2,990 checked, 1 violation)\n"
                + "           e.g. tx 7f3a at height 12 missing on validator-2\n"), table);
        assertTrue(table.contains("  met     p99<500ms    measured 412.3 ms (telemetry)\n"
                + "  MISSED  errors<0.1%  measured 0.313%\n"), table);
        assertTrue(table.contains("\nsimulator lag: p50 0.1 ms, p99 2.5 ms, max 31.0 ms; skipped: register 4\n"
                + "trust: yes, the simulator kept to its schedule\n"), table);
        assertTrue(table.endsWith("result: FAILED (1 check violated, 1 threshold missed)\n"), table);
    }

    @Test
    void an_untrusted_run_says_so_plainly() {
        RunReport r = SampleReports.sample(List.of());
        RunReport untrusted = new RunReport(r.scenario(), r.target(), r.startedAt(), r.durationMillis(), r.devices(),
                r.bucketMillis(), r.operations(), r.lag(), List.of(), List.of(),
                new Trust(false, "The simulator was the bottleneck."), r.simulator(),
                r.environment());
        String table = SummaryTable.render(untrusted);
        assertTrue(table.contains("trust: NO. The simulator was the bottleneck.\n"), table);
        assertTrue(table.endsWith("result: PASSED\n"), table);
    }
}
