package org.fogledger.agents.gateway;

/** Dotted numeric firmware versions ({@code 2}, {@code 2.4}, {@code 2.4.1}), compared part by part. */
final class FirmwareVersion {
    private static final int MAX_PARTS = 8;

    private FirmwareVersion() {
    }

    static int[] parse(String version, String field) {
        if (version == null || version.isEmpty() || version.length() > 64) {
            throw new IllegalArgumentException(field + " must be 1-64 characters, got '" + version + "'");
        }
        String[] parts = version.split("\\.", -1);
        if (parts.length > MAX_PARTS) {
            throw new IllegalArgumentException(field + " '" + version + "' has more than " + MAX_PARTS + " parts");
        }
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException(field + " '" + version
                        + "' is not a dotted numeric version such as 2.4.1");
            }
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers;
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
}
