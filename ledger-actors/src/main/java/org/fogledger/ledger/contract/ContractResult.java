package org.fogledger.ledger.contract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What an execution answers: success or failure, a short stable code a program can switch on
 * ({@code registered}, {@code illegal-transition}, {@code step-budget-exceeded}) and data: JSON for a success,
 * the human-readable reason for a failure. It becomes the receipt's status, result code and result.
 */
public record ContractResult(boolean ok, String code, byte[] data) {

    public ContractResult {
        Objects.requireNonNull(code, "code");
        data = Objects.requireNonNull(data, "data").clone();
    }

    public static ContractResult ok(String code) {
        return new ContractResult(true, code, new byte[0]);
    }

    public static ContractResult ok(String code, byte[] json) {
        return new ContractResult(true, code, json);
    }

    public static ContractResult failed(String code, String reason) {
        return new ContractResult(false, code, reason.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The data as text: the reason of a failure, the JSON of a success. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContractResult that && ok == that.ok && code.equals(that.code)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Boolean.hashCode(ok) + code.hashCode()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return (ok ? "ok " : "failed ") + code + (data.length == 0 ? "" : ": " + text());
    }
}
