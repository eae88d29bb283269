package org.fogledger.ledger.contract.registry;

import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;

/**
 * A device's place in the hierarchy of sites, written as a path from the root: {@code /eu/fr/lyon/hospital-a/ward-3}.
 * Agents' jurisdictions are subtrees of the same hierarchy, so the path is what the {@code authority} contract
 * compares with an agent's scope ({@link #isWithin}).
 *
 * <p>Rules: starts with {@code /}; 1 to {@value #MAX_DEPTH} segments separated by single {@code /}; each segment 1 to
 * {@value #MAX_SEGMENT_LENGTH} characters of {@code a-z 0-9 -}; at most {@value #MAX_LENGTH} characters in all; no
 * trailing {@code /}. One spelling per place, so two paths name the same place exactly when they are equal.
 */
public final class DevicePath {
    public static final int MAX_DEPTH = 16;
    public static final int MAX_SEGMENT_LENGTH = 63;
    public static final int MAX_LENGTH = 255;
    /** The whole hierarchy, as a scope: the jurisdiction of a root operator. Not a place a device can be. */
    public static final String ROOT = "/";

    private DevicePath() {
    }

    /**
     * Checks {@code path}; refuses with {@code malformed-payload} and a reason naming {@code what} and
     * {@code field}, the offending segment and the rule.
     */
    public static String validate(String path, String what, String field, StepMeter meter) {
        if (path == null) {
            throw refusal(what, field, "is required");
        }
        if (path.length() > MAX_LENGTH) {
            throw refusal(what, field, "is " + path.length() + " characters long, more than " + MAX_LENGTH);
        }
        if (!path.startsWith("/")) {
            throw refusal(what, field, "'" + path + "' must start with '/' (e.g. /eu/fr/lyon/hospital-a/ward-3)");
        }
        int depth = 0;
        int start = 1;
        while (true) {
            meter.charge();
            int end = path.indexOf('/', start);
            String segment = end < 0 ? path.substring(start) : path.substring(start, end);
            depth++;
            if (depth > MAX_DEPTH) {
                throw refusal(what, field, "'" + path + "' is deeper than " + MAX_DEPTH + " segments");
            }
            if (segment.isEmpty()) {
                throw refusal(what, field, "'" + path + "' has an empty segment " + depth
                        + (end < 0 ? " (trailing '/')" : " ('//')"));
            }
            if (segment.length() > MAX_SEGMENT_LENGTH) {
                throw refusal(what, field, "segment " + depth + " of '" + path + "' is " + segment.length()
                        + " characters long, more than " + MAX_SEGMENT_LENGTH);
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    throw refusal(what, field, "segment " + depth + " '" + segment + "' of '" + path
                            + "' may only hold a-z, 0-9 and '-'");
                }
            }
            if (end < 0) {
                return path;
            }
            start = end + 1;
        }
    }

    /**
     * Checks a scope (an agent's jurisdiction): {@link #ROOT} for the whole hierarchy, or a valid path. Refuses as
     * {@link #validate} does.
     */
    public static String validateScope(String scope, String what, String field, StepMeter meter) {
        if (ROOT.equals(scope)) {
            meter.charge();
            return scope;
        }
        return validate(scope, what, field, meter);
    }

    /**
     * Whether {@code path} is {@code scope} or lies below it: {@code /eu/fr/lyon/ward-3} is within {@code /eu/fr}
     * and within itself, not within {@code /eu/f}; everything is within {@link #ROOT}. Both must be valid (a scope
     * as {@link #validateScope} has it).
     */
    public static boolean isWithin(String path, String scope) {
        if (ROOT.equals(scope)) {
            return true;
        }
        return path.equals(scope) || path.startsWith(scope) && path.length() > scope.length()
                && path.charAt(scope.length()) == '/';
    }

    private static ContractRefusal refusal(String what, String field, String problem) {
        return new ContractRefusal("malformed-payload", what + ": field '" + field + "' " + problem);
    }
}
