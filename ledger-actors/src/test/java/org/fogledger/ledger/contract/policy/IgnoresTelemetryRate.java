package org.fogledger.ledger.contract.policy;

import java.util.List;
import org.fogledger.ledger.contract.StepMeter;

/**
 * Test only: a planted bug. The real narrowing checker, except that it never finds a telemetry rate widening, so a
 * site could raise the rate its region set. The tests must catch it.
 */
final class IgnoresTelemetryRate implements NarrowingCheck {

    @Override
    public List<String> widenings(PolicyRules candidate, List<IssuedPolicy> higher, StepMeter meter) {
        return PolicyNarrowing.INSTANCE.widenings(candidate, higher, meter).stream()
                .filter(widening -> !widening.startsWith("rules.telemetry."))
                .toList();
    }
}
