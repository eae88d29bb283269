package org.fogledger.ledger.validator;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.trace.CertifiedHeader;
import org.fogledger.ledger.wire.WireMessage;

/**
 * A validator's answer to {@link ValidatorActor.GetProofMaterial}: what {@code contract.trace.AuditProofBuilder}
 * needs besides the gateway's batch, or why it cannot be given. The material is one validator's word, but it needs
 * no trust: a proof built from it verifies against the genesis validator set, or it does not.
 */
public sealed interface ProofMaterialAnswer extends WireMessage {

    /** Asked for a height this validator has not committed (durably) yet. */
    String NOT_COMMITTED = "not-committed";
    /** The block is committed but this validator has not executed (and stored the results of) it yet. */
    String NOT_EXECUTED = "not-executed";
    /** The anchor block and its results alone exceed what one answer may carry. */
    String TOO_LARGE = "too-large";
    /** The validator's store is busy or failed; ask again or ask another validator. */
    String UNAVAILABLE = "unavailable";

    /**
     * The committed block at {@code height}, the stored results of it and of the blocks after it (consecutive, as
     * many as this validator has executed, at least those of {@code height}), and the committed chain from it on,
     * each header with the certificate that certifies it (the anchor block's header first). {@code committedHeight}
     * is the validator's durable committed height when it answered: more chain exists only above it.
     */
    record ProofMaterial(Block anchorBlock, List<BlockResults> results, List<CertifiedHeader> chain,
                         long committedHeight) implements ProofMaterialAnswer {
        public ProofMaterial {
            Objects.requireNonNull(anchorBlock, "anchorBlock");
            results = List.copyOf(results);
            chain = List.copyOf(chain);
        }
    }

    /** Why no material: one of the codes above, and a reason naming the heights. */
    record Refused(long height, String code, String reason) implements ProofMaterialAnswer {
    }
}
