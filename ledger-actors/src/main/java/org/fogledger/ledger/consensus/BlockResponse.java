package org.fogledger.ledger.consensus;

import java.util.List;

/**
 * Blocks asked for, oldest first, each with the certificate of its parent. The receiver accepts them only if the
 * newest is one it asked for, the hashes link, and every certificate checks out, so an unsigned response cannot
 * inject anything.
 */
public record BlockResponse(List<ChainedBlock> blocks) implements ConsensusMessage {

    public BlockResponse {
        // Not List.copyOf: a hostile peer's list may hold nulls, which the replica must see and refuse.
        blocks = blocks == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(blocks));
    }

    @Override
    public long round() {
        ChainedBlock newest = blocks == null || blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        return newest == null || newest.block() == null ? 0 : newest.round();
    }

    @Override
    public String toString() {
        return "BlockResponse[" + (blocks == null ? "null" : blocks.size() + " blocks up to r" + round()) + "]";
    }
}
