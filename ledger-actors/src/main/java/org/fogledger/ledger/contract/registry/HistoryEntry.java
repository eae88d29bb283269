package org.fogledger.ledger.contract.registry;

import java.util.Objects;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * One accepted declaration about a device: where it sits in the chain, who made it and in what capacity, and what it
 * said. The registration is entry 0.
 *
 * @param sequence        the declaration's number on this device, from 0 (the registration)
 * @param height          the block that executed it
 * @param index           its execution's place in that block
 * @param blockTimeMillis the block's time
 * @param declarer        the key that signed the (originating) transaction
 * @param role            the capacity in which the declarer acted
 * @param caller          for a declaration the {@code authority} contract relayed, its address; null otherwise
 * @param declaration     what was declared
 * @param location        the device's place in the hierarchy, when this declaration set it; null otherwise
 * @param newOwner        for {@link Declaration#RESOLD}, the buyer; null otherwise
 * @param note            the declarer's free text (a police report number, a ticket); null if none
 */
public record HistoryEntry(long sequence, long height, int index, long blockTimeMillis, PublicKey declarer,
                           DeclarerRole role, String caller, Declaration declaration, String location,
                           PublicKey newOwner, String note) {

    public HistoryEntry {
        if (sequence < 0 || height < 0 || index < 0) {
            throw new IllegalArgumentException("sequence, height and index must be >= 0, got " + sequence + ", "
                    + height + ", " + index);
        }
        Objects.requireNonNull(declarer, "declarer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(declaration, "declaration");
    }

    /** How a reason names this entry: {@code stolen at height 12 index 0 by owner 01ab…} (the key in full hex). */
    public String describe() {
        return declaration + " at height " + height + " index " + index + " by " + role + " "
                + ContractJson.hex(declarer);
    }
}
