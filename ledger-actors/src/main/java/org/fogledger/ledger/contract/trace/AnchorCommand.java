package org.fogledger.ledger.contract.trace;

import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;

/**
 * The payload of {@code trace/<streamId>.anchor}: the Merkle root of the records {@code firstSeq..lastSeq} of the
 * stream, their {@code count}, and the root of the stream's previous batch ({@link Hash#ZERO} before the first),
 * which links the batches into one chain. {@code count} repeats what the sequence numbers say on purpose: the
 * contract refuses a payload whose parts disagree, so a gateway bug shows up as a refusal, not as a wrong anchor.
 */
public record AnchorCommand(Hash root, long firstSeq, long lastSeq, long count, Hash previousRoot) {

    public AnchorCommand {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(previousRoot, "previousRoot");
    }
}
