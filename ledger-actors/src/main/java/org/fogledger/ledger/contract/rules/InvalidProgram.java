package org.fogledger.ledger.contract.rules;

import java.util.List;

/** A program that failed its deploy-time checks: every error found (up to a limit), each starting with its path. */
public final class InvalidProgram extends RuntimeException {
    private final List<String> errors;

    public InvalidProgram(List<String> errors) {
        super(describe(errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }

    private static String describe(List<String> errors) {
        return errors.size() == 1 ? errors.get(0) : errors.size() + " errors: " + String.join("; ", errors);
    }
}
