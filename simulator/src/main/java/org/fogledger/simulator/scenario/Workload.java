package org.fogledger.simulator.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation kind and when its operations arrive.
 *
 * @param kind   the behaviour's kind, for example {@code telemetry}
 * @param params the behaviour's own settings (for example {@code transport: mqtt}); the behaviour validates them
 * @param inject the open-model injection profile, steps in order
 */
public record Workload(String kind, Map<String, String> params, List<InjectionStep> inject) {

    public Workload {
        Objects.requireNonNull(kind, "kind");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("a workload's kind must not be blank");
        }
        params = Map.copyOf(params);
        inject = List.copyOf(inject);
        if (inject.isEmpty()) {
            throw new IllegalArgumentException("workload " + kind + " has no injection steps");
        }
    }

    /** How long the injection profile lasts: the sum of its steps. */
    public Duration injectionLength() {
        return inject.stream().map(InjectionStep::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** Expected arrivals over the whole profile. */
    public double expectedArrivals() {
        return inject.stream().mapToDouble(InjectionStep::integral).sum();
    }
}
