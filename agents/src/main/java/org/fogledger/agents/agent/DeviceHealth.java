package org.fogledger.agents.agent;

/**
 * What a device agent knows of its device, as a value with the rules that change it. Times are the reporter's
 * (a gateway stamps each report); the agent reads no clock.
 *
 * @param lastSeenMillis       when the device last authenticated, 0 if never
 * @param firmware             the firmware version it last reported, empty if none
 * @param failedAuthentications failures since it last authenticated (reset by a successful one)
 * @param totalFailures        failures ever
 * @param lastFailure          the reason of the last failure, empty if none
 */
public record DeviceHealth(long lastSeenMillis, String firmware, int failedAuthentications, long totalFailures,
                           String lastFailure) {
    /** Consecutive failed authentications after which a device is suspect (its agents should consider blocking it). */
    public static final int SUSPECT_AFTER = 5;
    public static final int MAX_TEXT = 128;
    public static final DeviceHealth UNKNOWN = new DeviceHealth(0, "", 0, 0, "");

    /** Whether a successful authentication at {@code atMillis} is news (reports can arrive out of order). */
    public boolean isNewer(long atMillis) {
        return atMillis > lastSeenMillis;
    }

    public DeviceHealth seen(long atMillis, String reportedFirmware) {
        return new DeviceHealth(Math.max(atMillis, lastSeenMillis), reportedFirmware == null || reportedFirmware.isEmpty()
                ? firmware : reportedFirmware, 0, totalFailures, lastFailure);
    }

    public DeviceHealth failed(String reason) {
        return new DeviceHealth(lastSeenMillis, firmware, failedAuthentications == Integer.MAX_VALUE
                ? failedAuthentications : failedAuthentications + 1, totalFailures + 1, reason);
    }

    public boolean suspect() {
        return failedAuthentications >= SUSPECT_AFTER;
    }

    /** Null if {@code text} is acceptable as a firmware version or failure reason, else why not. */
    static String checkText(String text, String field) {
        if (text == null) {
            return field + " is required";
        }
        if (text.length() > MAX_TEXT) {
            return field + " is " + text.length() + " characters long, more than " + MAX_TEXT;
        }
        return null;
    }
}
