package org.fogledger.ledger.contract.registry;

import org.fogledger.ledger.contract.ContractRefusal;

/**
 * Checks on command fields that JSON reading cannot make (presence, length, printable text); every refusal is
 * {@code malformed-payload} and names the command and the field, like {@code ContractJson.read} does.
 */
final class PayloadFields {
    private PayloadFields() {
    }

    static <T> T required(T value, String what, String field) {
        if (value == null) {
            throw new ContractRefusal("malformed-payload", what + ": field '" + field + "' is required");
        }
        return value;
    }

    /** Null stays null; otherwise 1 to {@code maxLength} characters with no control characters. */
    static String optionalText(String value, String what, String field, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > maxLength) {
            throw new ContractRefusal("malformed-payload", what + ": field '" + field + "' must be 1 to "
                    + maxLength + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogatePair(value, i)) {
                throw new ContractRefusal("malformed-payload", what + ": field '" + field
                        + "' holds a control character or a lone surrogate at position " + i);
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return value;
    }

    static String requiredText(String value, String what, String field, int maxLength) {
        return optionalText(required(value, what, field), what, field, maxLength);
    }

    static long nonNegative(Long value, String what, String field) {
        long v = required(value, what, field);
        if (v < 0) {
            throw new ContractRefusal("malformed-payload", what + ": field '" + field + "' must be >= 0, got " + v);
        }
        return v;
    }

    private static boolean validSurrogatePair(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }
}
