package org.fogledger.agents.gateway;

/**
 * Firmware versions as the gateway meets them: the policy contract's dotted numeric versions
 * ({@link org.fogledger.ledger.contract.policy.FirmwareVersion}, one reading of a version for the ledger and its
 * gateways), with refusals that name the field and who set a minimum.
 */
final class FirmwareVersion {
    private static final int MAX_LENGTH = 64;

    private FirmwareVersion() {
    }

    static int[] parse(String version, String field) {
        int[] parsed = version == null || version.length() > MAX_LENGTH ? null
                : org.fogledger.ledger.contract.policy.FirmwareVersion.parse(version);
        if (parsed == null) {
            throw new IllegalArgumentException(field + " '" + version + "' is not a dotted numeric version such as"
                    + " 2.4.1 (at most " + org.fogledger.ledger.contract.policy.FirmwareVersion.MAX_SEGMENTS
                    + " parts of 1 to 9 digits)");
        }
        return parsed;
    }

    /** Missing trailing parts count as 0: {@code 2.4} equals {@code 2.4.0}. */
    static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    /**
     * Null when {@code firmware} meets {@code minimum} (or there is none), else why not: not a version, or older than
     * the minimum, which {@code setBy} set (when known).
     */
    static String refusal(String firmware, String minimum, String setBy) {
        if (minimum == null) {
            return null;
        }
        int[] have;
        try {
            have = parse(java.util.Objects.requireNonNull(firmware, "firmware"), "firmware");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return compare(have, parse(minimum, "minimum firmware")) < 0
                ? "firmware " + firmware + " is older than the minimum " + minimum + (setBy == null ? "" : " set by "
                + setBy) : null;
    }
}
