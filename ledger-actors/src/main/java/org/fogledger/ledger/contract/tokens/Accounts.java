package org.fogledger.ledger.contract.tokens;

import java.util.regex.Pattern;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Who may hold tokens, written as one string: a key's account is its key id in lowercase hex (64 digits); a
 * contract instance's account is its address, {@code name/instance} (e.g. {@code washer/wm-1}). The two forms
 * cannot collide, since a key id has no '/'.
 *
 * <p>An account is controlled by whoever invokes as it: a direct transaction acts for its signer's key account,
 * an internal message for the contract instance that sent it. A key never acts through an internal message, so a
 * contract a key happens to call cannot spend that key's tokens.
 */
public final class Accounts {
    private static final Pattern KEY_ACCOUNT = Pattern.compile("[0-9a-f]{64}");

    private Accounts() {
    }

    /** The account of {@code key}. */
    public static String of(PublicKey key) {
        return key.keyId().hex();
    }

    /** The account of a contract instance. */
    public static String of(ContractAddress address) {
        return address.toString();
    }

    /** The account the invocation acts as: the calling contract for an internal message, else the signer's key. */
    public static String invoker(ExecutionContext context) {
        return context.isInternal() ? of(context.caller()) : of(context.sender());
    }

    public static boolean controls(ExecutionContext context, String account) {
        return invoker(context).equals(account);
    }

    /**
     * Refuses with {@code invalid-account} unless {@code account} is a key account or a contract address written
     * in full ({@code name/instance}, as {@link ContractAddress#toString()} writes it).
     */
    public static String requireValid(String account, String field) {
        if (account == null) {
            throw new ContractRefusal("malformed-payload", field + " is required");
        }
        if (KEY_ACCOUNT.matcher(account).matches()) {
            return account;
        }
        if (account.indexOf('/') > 0) {
            try {
                if (ContractAddress.parse(account).toString().equals(account)) {
                    return account;
                }
            } catch (IllegalArgumentException e) {
                throw new ContractRefusal("invalid-account", field + " '" + abbreviate(account)
                        + "' is not an account: " + e.getMessage());
            }
        }
        throw new ContractRefusal("invalid-account", field + " '" + abbreviate(account) + "' is not an account:"
                + " expected a key id (64 lowercase hex digits) or a contract address name/instance");
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
