package org.fogledger.ledger.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which contract instance a transaction or message is for: a contract name ({@code registry}, {@code consent},
 * {@code trace}, a deployed rule contract) and an instance key within it (a device id, a data owner's key id, a
 * batch stream). Written {@code name/instance} in a transaction's {@code contract} field; {@code name} alone
 * addresses the contract's single default instance, whose key is {@link #DEFAULT_INSTANCE}.
 *
 * <p>Instances are the unit of state, of persistence (one event-sourced actor each) and of concurrency: the host
 * runs them one at a time in block order, so nothing else about them needs to be thread-safe.
 */
public record ContractAddress(String contract, String instance) {
    public static final String DEFAULT_INSTANCE = "_";
    public static final int MAX_NAME_LENGTH = 32;
    public static final int MAX_INSTANCE_LENGTH = 128;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    // Printable ASCII without space, so an address reads the same in a log, a URL path segment and a key.
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    public ContractAddress {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(instance, "instance");
        if (!NAME.matcher(contract).matches()) {
            throw new IllegalArgumentException("contract name '" + contract
                    + "' must be 1-32 characters of a-z, 0-9 and '-', starting with a letter");
        }
        if (!INSTANCE.matcher(instance).matches()) {
            throw new IllegalArgumentException("instance key '" + instance
                    + "' must be 1-128 characters of A-Z a-z 0-9 . _ : @ / + = -");
        }
    }

    public static ContractAddress of(String contract, String instance) {
        return new ContractAddress(contract, instance);
    }

    /** Parses {@code name} or {@code name/instance}; the instance may itself contain '/'. */
    public static ContractAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        int slash = address.indexOf('/');
        if (slash < 0) {
            return new ContractAddress(address, DEFAULT_INSTANCE);
        }
        return new ContractAddress(address.substring(0, slash), address.substring(slash + 1));
    }

    /** A stable id for journals and logs: {@code name/instance}. */
    @Override
    public String toString() {
        return contract + "/" + instance;
    }
}
