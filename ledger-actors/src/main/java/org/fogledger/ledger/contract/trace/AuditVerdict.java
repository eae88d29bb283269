package org.fogledger.ledger.contract.trace;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Locale;
import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/** What {@link AuditProofVerifier} concludes: the record is proven, or the first step that failed and why. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "verdict")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AuditVerdict.Valid.class, name = "valid"),
        @JsonSubTypes.Type(value = AuditVerdict.Invalid.class, name = "invalid")})
public sealed interface AuditVerdict {

    boolean valid();

    /** One line for people. */
    String describe();

    /**
     * The record is anchored and committed.
     *
     * @param anchorHeight         the block holding the anchor transaction
     * @param claimedResultsHeight the block whose results, as claimed, include the anchor's execution (through the
     *                             results chain): the anchor block or a later one
     * @param claimingHeight       the block whose header carries that claim
     * @param commitHeight         the lowest block of the 3-chain that commits the claiming block, and so the
     *                             anchor block
     */
    record Valid(String chainId, String streamId, long sequence, TraceKind kind, Hash recordHash, Hash batchRoot,
                 long firstSeq, long lastSeq, PublicKey gateway, Hash anchorTransaction, long anchorHeight,
                 Hash anchorBlock, long blockTimeMillis, long claimedResultsHeight, long claimingHeight,
                 long commitHeight) implements AuditVerdict {
        @Override
        public boolean valid() {
            return true;
        }

        @Override
        public String describe() {
            return "valid: " + kind.name().toLowerCase(Locale.ROOT) + " record " + sequence + " of stream '"
                    + streamId + "' is in batch " + firstSeq + ".." + lastSeq + " (root " + batchRoot.shortHex()
                    + "), anchored by " + gateway + " in transaction " + anchorTransaction.shortHex() + " of block "
                    + anchorHeight + " (" + anchorBlock.shortHex() + ") on chain '" + chainId
                    + "', accepted per the results of block " + claimedResultsHeight + " claimed in block "
                    + claimingHeight + ", committed by the 3-chain from height " + commitHeight;
        }
    }

    record Invalid(AuditStep step, String reason) implements AuditVerdict {
        public Invalid {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean valid() {
            return false;
        }

        @Override
        public String describe() {
            return "invalid at step '" + step.label() + "': " + reason;
        }
    }
}
