package org.fogledger.ledger.contract.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A dotted numeric firmware version ({@code 2.4.1}), compared segment by segment as numbers, missing segments
 * counting as 0: {@code 2.10 > 2.9}, {@code 2.4 == 2.4.0}. At most {@value #MAX_SEGMENTS} segments of 1 to 9
 * digits each, so every segment fits an int and a comparison never depends on string order.
 */
public final class FirmwareVersion {
    public static final int MAX_SEGMENTS = 8;

    private FirmwareVersion() {
    }

    /** The segments of {@code version}, or null if it is not a dotted numeric version within bounds. */
    public static int[] parse(String version) {
        if (version == null || version.isEmpty()) {
            return null;
        }
        List<Integer> segments = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = version.indexOf('.', start);
            String segment = end < 0 ? version.substring(start) : version.substring(start, end);
            if (segment.isEmpty() || segment.length() > 9 || segments.size() == MAX_SEGMENTS) {
                return null;
            }
            for (int i = 0; i < segment.length(); i++) {
                if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                    return null;
                }
            }
            segments.add(Integer.parseInt(segment));
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return segments.stream().mapToInt(Integer::intValue).toArray();
    }

    public static boolean isValid(String version) {
        return parse(version) != null;
    }

    /** Negative, zero or positive as {@code a} is below, equal to or above {@code b}; both must be valid. */
    public static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        if (x == null || y == null) {
            throw new IllegalArgumentException("not firmware versions: '" + a + "', '" + b + "'");
        }
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int left = i < x.length ? x[i] : 0;
            int right = i < y.length ? y[i] : 0;
            if (left != right) {
                return Integer.compare(left, right);
            }
        }
        return 0;
    }
}
