package org.fogledger.ledger.validator;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.wire.WireMessage;

/**
 * What a validator tells its subscribers ({@link ValidatorActor.SubscribeExecuted}) after it executed a committed
 * block: the height, the block's hash, and the contract addresses whose executions succeeded in it (transactions and
 * internal messages alike), sorted, at most {@link #MAX_ADDRESSES}. When the block touched more, {@code truncated} is
 * set and a subscriber must treat every address as possibly touched.
 *
 * <p>A notice is a hint, not evidence: it comes from one validator. Whoever acts on it reads the state it names with
 * a query (whose answer says the height it was read at) and acts on that.
 *
 * @param validator the validator that executed the block and sent the notice
 */
public record ExecutedBlockNotice(long height, Hash blockHash, List<String> touched, boolean truncated,
                                  PublicKey validator) implements WireMessage {
    /** Addresses listed per notice; a bigger block is announced as {@code truncated}. */
    public static final int MAX_ADDRESSES = 1024;

    public ExecutedBlockNotice {
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(validator, "validator");
        touched = List.copyOf(touched);
        if (touched.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("a notice lists at most " + MAX_ADDRESSES + " addresses, got "
                    + touched.size());
        }
    }

    /** Whether the block may have changed the instance at {@code address} ({@code name/instance}). */
    public boolean mayHaveTouched(String address) {
        return truncated || java.util.Collections.binarySearch(touched, address) >= 0;
    }
}
