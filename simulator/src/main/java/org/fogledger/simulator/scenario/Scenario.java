package org.fogledger.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.fogledger.simulator.fleet.FleetSpec;
import org.fogledger.simulator.report.Thresholds;

/**
 * What one simulator run does: the fleet, how long the run lasts, and which operations arrive when. Loaded from a
 * file by {@link ScenarioFile} or built in Java with {@link #named(String)}; both give the same model.
 *
 * @param name      the scenario's name in reports
 * @param seed      the seed of every random choice the run makes (devices picked, behaviour choices)
 * @param fleet     the simulated fleet's shape
 * @param duration  how long the run injects operations; at least as long as the longest workload's profile
 * @param bucket    the width of one interval of the report's time series
 * @param workloads one per operation kind, each kind at most once
 * @param asserts   thresholds the run must meet ({@code p99<500ms}, {@code errors<0.1%}), see {@link Thresholds}
 */
public record Scenario(String name, long seed, FleetSpec fleet, Duration duration, Duration bucket,
                       List<Workload> workloads, List<String> asserts) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a scenario's name must not be blank");
        }
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(bucket, "bucket");
        workloads = List.copyOf(workloads);
        asserts = List.copyOf(asserts);
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no workloads");
        }
        if (bucket.toMillis() < 1) {
            throw new IllegalArgumentException("bucket must be at least 1ms, got " + bucket);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            Integer before = seen.putIfAbsent(w.kind(), i);
            if (before != null) {
                throw new IllegalArgumentException("workload kind " + w.kind() + " appears twice (workloads "
                        + before + " and " + i + "); give each kind one workload with several steps");
            }
            if (w.injectionLength().compareTo(duration) > 0) {
                throw new IllegalArgumentException("workload " + w.kind() + " injects for " + w.injectionLength()
                        + ", longer than the scenario's duration " + duration);
            }
        }
        asserts.forEach(Thresholds::parse);
    }

    /** The same scenario with another fleet (for a command-line override of the fleet's size). */
    public Scenario withFleet(FleetSpec other) {
        return new Scenario(name, seed, other, duration, bucket, workloads, asserts);
    }

    /** The same scenario with other thresholds. */
    public Scenario withAsserts(List<String> other) {
        return new Scenario(name, seed, fleet, duration, bucket, workloads, other);
    }

    /** The longest workload's injection profile. */
    public static Duration longestInjection(List<Workload> workloads) {
        return workloads.stream().map(Workload::injectionLength).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * The duration when none is given: the longest profile, or one bucket when every profile is instantaneous
     * (only {@code atOnce} steps).
     */
    public static Duration defaultDuration(List<Workload> workloads, Duration bucket) {
        Duration longest = longestInjection(workloads);
        return longest.isZero() ? bucket : longest;
    }

    /**
     * A fleet of {@code devices} with the default shape: one owner per ten devices, 4 regions of 8 sites each.
     */
    public static FleetSpec defaultFleet(int devices, long seed) {
        return new FleetSpec(devices, Math.max(1, devices / 10), 4, 8, seed);
    }

    /** Starts the Java DSL: {@code Scenario.named("smoke").seed(1).devices(1000).workload(...).build()}. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The Java DSL; see {@link Injection} for the steps. */
    public static final class Builder {
        private final String name;
        private long seed = 1;
        private FleetSpec fleet;
        private int devices = 1000;
        private Duration duration;
        private Duration bucket = Duration.ofSeconds(1);
        private final List<Workload> workloads = new ArrayList<>();
        private final List<String> asserts = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The fleet's shape in full. */
        public Builder fleet(FleetSpec fleet) {
            this.fleet = fleet;
            return this;
        }

        /** A fleet of this many devices, of the {@linkplain #defaultFleet default shape}, seeded with the seed. */
        public Builder devices(int devices) {
            this.devices = devices;
            this.fleet = null;
            return this;
        }

        /** How long to inject; by default the longest workload's profile. */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder bucket(Duration bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder workload(String kind, InjectionStep... steps) {
            return workload(kind, Map.of(), steps);
        }

        public Builder workload(String kind, Map<String, String> params, InjectionStep... steps) {
            workloads.add(new Workload(kind, params, List.of(steps)));
            return this;
        }

        /** Thresholds the run must meet, for example {@code "p99<500ms"}. */
        public Builder asserts(String... expressions) {
            asserts.addAll(List.of(expressions));
            return this;
        }

        public Scenario build() {
            FleetSpec f = fleet != null ? fleet : defaultFleet(devices, seed);
            Duration d = duration != null ? duration : defaultDuration(workloads, bucket);
            return new Scenario(name, seed, f, d, bucket, workloads, asserts);
        }
    }
}
