package org.fogledger.agents.mqtt;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The topics of devices at a broker: {@code <prefix>/devices/<deviceId>/<kind>}, one set per device. A device id
 * is one topic level, so over MQTT it is 1-128 characters of {@code A-Z a-z 0-9 . _ : @ = -} (a registry id
 * without '/' and '+', which MQTT reserves).
 */
public final class MqttTopics {
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:@=-]{1,128}");

    /** What a topic carries; {@link #fromDevice()} says which way. */
    public enum Kind {
        /** Device asks for a challenge (empty payload or {}). */
        CHALLENGE_REQUEST("challenge-request", true),
        /** Device's signed hello. */
        HELLO("hello", true),
        /** Device's signed telemetry readings. */
        READINGS("readings", true),
        /** Device's signed status reports (readings of data class system {@link MqttIngress#STATUS_SYSTEM}). */
        STATUS("status", true),
        /** Gateway's challenge for the device. */
        CHALLENGE("challenge", false),
        /** Gateway's session answers: opened, refused, closed. */
        SESSION("session", false),
        /** Gateway's answer to each reading or status report. */
        RECEIPTS("receipts", false),
        /** Messages the ingress refused before the gateway saw them, and why. */
        ERRORS("errors", false);

        private final String level;
        private final boolean fromDevice;

        Kind(String level, boolean fromDevice) {
            this.level = level;
            this.fromDevice = fromDevice;
        }

        public String level() {
            return level;
        }

        public boolean fromDevice() {
            return fromDevice;
        }
    }

    /** A device topic taken apart. */
    public record DeviceTopic(String deviceId, Kind kind) {
    }

    private final String prefix;

    public MqttTopics(String prefix) {
        this.prefix = checkPrefix(prefix);
    }

    public String prefix() {
        return prefix;
    }

    public String topic(String deviceId, Kind kind) {
        checkDeviceId(deviceId);
        return prefix + "/devices/" + deviceId + "/" + kind.level();
    }

    /** The subscription filter for one kind of every device: {@code <prefix>/devices/+/<kind>}. */
    public String everyDevice(Kind kind) {
        return prefix + "/devices/+/" + kind.level();
    }

    /** The device and kind of {@code topic}, or empty if it is not a device topic under this prefix. */
    public Optional<DeviceTopic> parse(String topic) {
        String head = prefix + "/devices/";
        if (topic == null || !topic.startsWith(head)) {
            return Optional.empty();
        }
        String rest = topic.substring(head.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String deviceId = rest.substring(0, slash);
        String level = rest.substring(slash + 1);
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.level().equals(level)) {
                return Optional.of(new DeviceTopic(deviceId, kind));
            }
        }
        return Optional.empty();
    }

    public static boolean isDeviceId(String deviceId) {
        return deviceId != null && DEVICE_ID.matcher(deviceId).matches();
    }

    static String checkDeviceId(String deviceId) {
        if (!isDeviceId(deviceId)) {
            throw new IllegalArgumentException("a device id over MQTT is 1-128 characters of A-Z a-z 0-9 . _ : @ = -,"
                    + " got '" + deviceId + "'");
        }
        return deviceId;
    }

    static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "topicPrefix");
        if (prefix.isEmpty() || prefix.length() > 128 || prefix.startsWith("/") || prefix.endsWith("/")
                || prefix.contains("//") || prefix.contains("+") || prefix.contains("#")
                || prefix.startsWith("$")) {
            throw new IllegalArgumentException("topic prefix must be 1-128 characters, without wildcards (+ #), "
                    + "leading $, empty levels or a leading or trailing '/', got '" + prefix + "'");
        }
        return prefix;
    }
}
