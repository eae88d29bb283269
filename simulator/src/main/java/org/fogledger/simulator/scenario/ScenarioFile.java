package org.fogledger.simulator.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import org.fogledger.simulator.fleet.FleetSpec;
import org.fogledger.simulator.report.Thresholds;
import org.fogledger.simulator.scenario.SourceNode.Entry;
import org.fogledger.simulator.scenario.SourceNode.ListNode;
import org.fogledger.simulator.scenario.SourceNode.MapNode;
import org.fogledger.simulator.scenario.SourceNode.Scalar;

/**
 * Reads scenario files: YAML ({@code .yaml}, {@code .yml}) or HOCON ({@code .conf}, {@code .hocon}), with the same
 * keys (docs/SIMULATOR.md describes them). Validation is strict: an unknown key, a bad duration, a negative rate or
 * an empty list is an error naming the file, the key path and the line (and, in YAML, the column); every problem
 * in the file is reported at once.
 */
public final class ScenarioFile {

    private static final Set<String> ROOT_KEYS = Set.of("name", "seed", "duration", "bucket", "fleet", "workloads",
            "asserts");
    private static final Set<String> FLEET_KEYS = Set.of("devices", "owners", "regions", "sitesPerRegion", "seed");
    private static final Set<String> WORKLOAD_KEYS = Set.of("kind", "params", "inject");
    private static final List<String> STEP_KEYS = List.of("nothingFor", "atOnce", "constantRate", "rampRate", "spike");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern DURATION = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(ms|millis|milliseconds|s|sec|secs|second|seconds|m|min|mins|minute|minutes"
                    + "|h|hour|hours)");

    private final Path file;
    private final List<String> problems = new ArrayList<>();

    private ScenarioFile(Path file) {
        this.file = file;
    }

    /** Reads and validates a scenario file; the format follows the file's extension. */
    public static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioFileException(file, List.of("cannot be read: " + e.getMessage()));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return fromYaml(text, file);
        }
        if (name.endsWith(".conf") || name.endsWith(".hocon")) {
            return fromHocon(text, file);
        }
        throw new ScenarioFileException(file, List.of("unknown format: name a scenario file .yaml, .yml, .conf or "
                + ".hocon"));
    }

    /** Reads a YAML scenario; {@code file} names it in errors. */
    public static Scenario fromYaml(String text, Path file) {
        SourceNode root;
        try (Reader r = new StringReader(text)) {
            root = SourceNode.readYaml(r);
        } catch (SourceNode.DuplicateKey e) {
            throw new ScenarioFileException(file, List.of(e.key + ": appears twice (" + e.where + ")"));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new ScenarioFileException(file, List.of("not valid YAML: " + e.getOriginalMessage() + where));
        } catch (IOException e) {
            throw new ScenarioFileException(file, List.of("cannot be read: " + e.getMessage()));
        }
        return new ScenarioFile(file).scenario(root);
    }

    /** Reads a HOCON scenario; {@code file} names it in errors. */
    public static Scenario fromHocon(String text, Path file) {
        SourceNode root;
        try {
            root = SourceNode.fromHocon(ConfigFactory.parseString(text,
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription(file.toString()))
                    .resolve().root());
        } catch (ConfigException e) {
            throw new ScenarioFileException(file, List.of("not valid HOCON: " + e.getMessage()));
        }
        return new ScenarioFile(file).scenario(root);
    }

    private Scenario scenario(SourceNode root) {
        MapNode map = asMap(root, "(top level)");
        if (map == null) {
            throw failed();
        }
        checkKeys(map, "", ROOT_KEYS);
        String name = string(map, "name", "", true);
        Long seed = integer(map, "seed", "", false, Long.MIN_VALUE);
        long s = seed == null ? 1 : seed;
        FleetSpec fleet = fleet(map, s);
        Duration duration = duration(map, "duration", "", false);
        Duration bucket = duration(map, "bucket", "", false);
        List<Workload> workloads = workloads(map);
        List<String> asserts = asserts(map);
        if (!problems.isEmpty()) {
            throw failed();
        }
        if (bucket == null) {
            bucket = Duration.ofSeconds(1);
        }
        if (duration == null) {
            duration = Scenario.defaultDuration(workloads, bucket);
        } else {
            for (int i = 0; i < workloads.size(); i++) {
                Workload w = workloads.get(i);
                if (w.injectionLength().compareTo(duration) > 0) {
                    problem("workloads[" + i + "].inject", "lasts " + human(w.injectionLength())
                            + ", longer than the scenario's duration " + human(duration), valueWhere(map, "duration"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw failed();
        }
        try {
            return new Scenario(name, s, fleet, duration, bucket, workloads, asserts);
        } catch (IllegalArgumentException e) {
            problem("", e.getMessage(), root.where());
            throw failed();
        }
    }

    private FleetSpec fleet(MapNode root, long scenarioSeed) {
        Entry e = root.entries().get("fleet");
        if (e == null) {
            problem("fleet", "is required (at least fleet.devices)", root.where());
            return null;
        }
        MapNode fleet = asMap(e.value(), "fleet");
        if (fleet == null) {
            return null;
        }
        checkKeys(fleet, "fleet.", FLEET_KEYS);
        Long devices = integer(fleet, "devices", "fleet.", true, 1);
        Long owners = integer(fleet, "owners", "fleet.", false, 1);
        Long regions = integer(fleet, "regions", "fleet.", false, 1);
        Long sites = integer(fleet, "sitesPerRegion", "fleet.", false, 1);
        Long seed = integer(fleet, "seed", "fleet.", false, Long.MIN_VALUE);
        if (devices == null) {
            return null;
        }
        if (devices > Integer.MAX_VALUE) {
            problem("fleet.devices", "is too large (at most " + Integer.MAX_VALUE + ")", valueWhere(fleet, "devices"));
            return null;
        }
        FleetSpec defaults = Scenario.defaultFleet(devices.intValue(), seed == null ? scenarioSeed : seed);
        try {
            return new FleetSpec(defaults.devices(), owners == null ? defaults.owners() : owners.intValue(),
                    regions == null ? defaults.regions() : regions.intValue(),
                    sites == null ? defaults.sitesPerRegion() : sites.intValue(), defaults.seed());
        } catch (IllegalArgumentException ex) {
            problem("fleet", ex.getMessage(), fleet.where());
            return null;
        }
    }

    private List<Workload> workloads(MapNode root) {
        List<Workload> result = new ArrayList<>();
        Entry e = root.entries().get("workloads");
        if (e == null) {
            problem("workloads", "is required: a list of at least one workload (kind and inject)", root.where());
            return result;
        }
        ListNode list = asList(e.value(), "workloads");
        if (list == null) {
            return result;
        }
        if (list.items().isEmpty()) {
            problem("workloads", "is empty; a scenario needs at least one workload", list.where());
        }
        Map<String, Integer> kinds = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "workloads[" + i + "]";
            MapNode w = asMap(list.items().get(i), path);
            if (w == null) {
                continue;
            }
            checkKeys(w, path + ".", WORKLOAD_KEYS);
            String kind = string(w, "kind", path + ".", true);
            if (kind != null && !KIND.matcher(kind).matches()) {
                problem(path + ".kind", "'" + kind + "' is not an operation kind (lower-case letters, digits and "
                        + "dashes, for example telemetry or consent-grant)", valueWhere(w, "kind"));
                kind = null;
            }
            if (kind != null) {
                Integer before = kinds.putIfAbsent(kind, i);
                if (before != null) {
                    problem(path + ".kind", "'" + kind + "' is already the kind of workloads[" + before
                            + "]; give each kind one workload with several inject steps", valueWhere(w, "kind"));
                }
            }
            Map<String, String> params = params(w, path);
            List<InjectionStep> steps = steps(w, path);
            if (kind != null && params != null && steps != null && !steps.isEmpty()) {
                result.add(new Workload(kind, params, steps));
            }
        }
        return result;
    }

    private Map<String, String> params(MapNode w, String path) {
        Entry e = w.entries().get("params");
        if (e == null) {
            return Map.of();
        }
        MapNode params = asMap(e.value(), path + ".params");
        if (params == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        params.entries().forEach((k, v) -> {
            if (v.value() instanceof Scalar s && s.text() != null) {
                result.put(k, s.text());
            } else {
                problem(path + ".params." + k, "must be a single value (text or number)", v.value().where());
            }
        });
        return result;
    }

    private List<InjectionStep> steps(MapNode w, String path) {
        Entry e = w.entries().get("inject");
        if (e == null) {
            problem(path + ".inject", "is required: a list of injection steps", w.where());
            return null;
        }
        ListNode list = asList(e.value(), path + ".inject");
        if (list == null) {
            return null;
        }
        if (list.items().isEmpty()) {
            problem(path + ".inject", "is empty; give at least one step (for example constantRate: 10, during: 30s)",
                    list.where());
            return null;
        }
        List<InjectionStep> steps = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            InjectionStep step = step(list.items().get(i), path + ".inject[" + i + "]");
            if (step == null) {
                ok = false;
            } else {
                steps.add(step);
            }
        }
        return ok ? steps : null;
    }

    private InjectionStep step(SourceNode node, String path) {
        MapNode m = asMap(node, path);
        if (m == null) {
            return null;
        }
        List<String> present = STEP_KEYS.stream().filter(m.entries()::containsKey).toList();
        if (present.size() != 1) {
            problem(path, present.isEmpty() ? "has no step; use one of " + STEP_KEYS
                    : "has several steps " + present + "; put each in its own list item", m.where());
            return null;
        }
        String type = present.get(0);
        String prefix = path + ".";
        switch (type) {
            case "nothingFor" -> {
                checkKeys(m, prefix, Set.of("nothingFor"));
                Duration d = duration(m, "nothingFor", prefix, true);
                return d == null ? null : new InjectionStep.NothingFor(d);
            }
            case "atOnce" -> {
                checkKeys(m, prefix, Set.of("atOnce"));
                Long n = integer(m, "atOnce", prefix, true, 0);
                if (n != null && n > Integer.MAX_VALUE) {
                    problem(prefix + "atOnce", "is too large", valueWhere(m, "atOnce"));
                    return null;
                }
                return n == null ? null : new InjectionStep.AtOnce(n.intValue());
            }
            case "rampRate" -> {
                checkKeys(m, prefix, Set.of("rampRate", "to", "during"));
                Double from = rate(m, "rampRate", prefix);
                Double to = rate(m, "to", prefix);
                Duration d = duration(m, "during", prefix, true);
                return from == null || to == null || d == null ? null : new InjectionStep.RampRate(from, to, d);
            }
            default -> {
                checkKeys(m, prefix, Set.of(type, "during"));
                Double rate = rate(m, type, prefix);
                Duration d = duration(m, "during", prefix, true);
                if (rate == null || d == null) {
                    return null;
                }
                return type.equals("spike") ? new InjectionStep.Spike(rate, d) : new InjectionStep.ConstantRate(rate, d);
            }
        }
    }

    private List<String> asserts(MapNode root) {
        List<String> result = new ArrayList<>();
        Entry e = root.entries().get("asserts");
        if (e == null) {
            return result;
        }
        ListNode list = asList(e.value(), "asserts");
        if (list == null) {
            return result;
        }
        for (int i = 0; i < list.items().size(); i++) {
            SourceNode item = list.items().get(i);
            String path = "asserts[" + i + "]";
            if (!(item instanceof Scalar s) || s.text() == null) {
                problem(path, "must be a threshold such as p99<500ms", item.where());
                continue;
            }
            try {
                Thresholds.parse(s.text());
                result.add(s.text());
            } catch (IllegalArgumentException ex) {
                problem(path, ex.getMessage(), s.where());
            }
        }
        return result;
    }

    // --- scalar readers: each reports its own problem and returns null ---

    private String string(MapNode m, String key, String prefix, boolean required) {
        Scalar s = scalar(m, key, prefix, required);
        if (s == null) {
            return null;
        }
        if (s.text().isBlank()) {
            problem(prefix + key, "must not be empty", s.where());
            return null;
        }
        return s.text();
    }

    private Long integer(MapNode m, String key, String prefix, boolean required, long min) {
        Scalar s = scalar(m, key, prefix, required);
        if (s == null) {
            return null;
        }
        long v;
        try {
            v = Long.parseLong(s.text().strip().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(prefix + key, "must be a whole number, got '" + s.text() + "'", s.where());
            return null;
        }
        if (v < min) {
            problem(prefix + key, "must be at least " + min + ", got " + v, s.where());
            return null;
        }
        return v;
    }

    private Double rate(MapNode m, String key, String prefix) {
        Scalar s = scalar(m, key, prefix, true);
        if (s == null) {
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s.text().strip());
        } catch (NumberFormatException e) {
            problem(prefix + key, "must be a rate in operations per second (a number), got '" + s.text() + "'",
                    s.where());
            return null;
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            problem(prefix + key, "must be a rate of at least 0 operations per second, got " + s.text(), s.where());
            return null;
        }
        return v;
    }

    private Duration duration(MapNode m, String key, String prefix, boolean required) {
        Scalar s = scalar(m, key, prefix, required);
        if (s == null) {
            return null;
        }
        Matcher matcher = DURATION.matcher(s.text().strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            problem(prefix + key, "'" + s.text() + "' is not a duration; write a number and a unit: 500ms, 30s, "
                    + "2m, 1h (or 30 seconds)", s.where());
            return null;
        }
        double n = Double.parseDouble(matcher.group(1));
        double unitNanos = switch (matcher.group(2)) {
            case "ms", "millis", "milliseconds" -> 1e6;
            case "s", "sec", "secs", "second", "seconds" -> 1e9;
            case "m", "min", "mins", "minute", "minutes" -> 60e9;
            default -> 3600e9;
        };
        Duration d = Duration.ofNanos(Math.round(n * unitNanos));
        if (d.isZero() && !key.equals("nothingFor") && !key.equals("during")) {
            problem(prefix + key, "must be longer than zero", s.where());
            return null;
        }
        return d;
    }

    private Scalar scalar(MapNode m, String key, String prefix, boolean required) {
        Entry e = m.entries().get(key);
        if (e == null) {
            if (required) {
                problem(prefix + key, "is required", m.where());
            }
            return null;
        }
        if (!(e.value() instanceof Scalar s) || s.text() == null) {
            problem(prefix + key, "must be a single value", e.value().where());
            return null;
        }
        return s;
    }

    private MapNode asMap(SourceNode node, String path) {
        if (node instanceof MapNode m) {
            return m;
        }
        problem(path, "must be a mapping of keys to values", node.where());
        return null;
    }

    private ListNode asList(SourceNode node, String path) {
        if (node instanceof ListNode l) {
            return l;
        }
        problem(path, "must be a list", node.where());
        return null;
    }

    private void checkKeys(MapNode m, String prefix, Set<String> allowed) {
        m.entries().forEach((k, e) -> {
            if (!allowed.contains(k)) {
                problem(prefix + k, "is not a known key; known here: " + allowed.stream().sorted().toList(),
                        e.keyWhere());
            }
        });
    }

    private static String valueWhere(MapNode m, String key) {
        Entry e = m.entries().get(key);
        return e == null ? m.where() : e.value().where();
    }

    private void problem(String path, String what, String where) {
        problems.add((path.isEmpty() ? "" : path + ": ") + what + " (" + where + ")");
    }

    private ScenarioFileException failed() {
        return new ScenarioFileException(file, problems);
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
