package org.fogledger.ledger.contract.registry;

import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.Verifier;

/**
 * What both parties to a resale sign: "device {@code deviceId}, owned by {@code currentOwner}, passes to
 * {@code newOwner} as its resale number {@code sequence}, if done by block time {@code validUntilMillis}". One party
 * signs it as the sender of the {@code resell} transaction; the other signs this statement and the signature travels
 * in the payload, where the registry checks it against the device's current record.
 *
 * <p>The statement binds everything a replay could change: the chain (a statement for one chain is worthless on
 * another where the same device has the same owners), the device id (a signature for one device is worthless
 * for another), both keys, and the device's resale sequence, which every resale advances, so a statement can allow
 * one resale only; it is independent of heights, so it can be signed offline ahead of time, and it expires.
 *
 * <p>Signed bytes: {@link #DOMAIN_PREFIX} then {@code 01 | chainId:string | deviceId:string | currentOwner:key | newOwner:key |
 * sequence:u64 | validUntilMillis:u64} in the canonical encoding. The prefix has the form of the codec's
 * {@code Domain} prefixes and is distinct from all of them, so no other signed object can be passed off as a
 * statement (see the request in docs/contracts/registry.md to add it to {@code Domain} with the same bytes).
 */
public record OwnershipTransferStatement(String chainId, String deviceId, PublicKey currentOwner, PublicKey newOwner, long sequence,
                                         long validUntilMillis) {

    public static final byte[] DOMAIN_PREFIX = Domain.REGISTRY_OWNERSHIP_TRANSFER.prefix();
    private static final int VERSION = 1;

    public OwnershipTransferStatement {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(currentOwner, "currentOwner");
        Objects.requireNonNull(newOwner, "newOwner");
        if (sequence < 0 || validUntilMillis < 0) {
            throw new IllegalArgumentException("sequence and validUntilMillis must be >= 0, got " + sequence + ", "
                    + validUntilMillis);
        }
    }

    /** The bytes a party signs. */
    public byte[] signingBytes() {
        CanonicalWriter out = new CanonicalWriter(DOMAIN_PREFIX.length + 160 + chainId.length() + deviceId.length());
        out.writeFixed(DOMAIN_PREFIX);
        out.writeU8(VERSION);
        out.writeString(chainId);
        out.writeString(deviceId);
        out.writePublicKey(currentOwner);
        out.writePublicKey(newOwner);
        out.writeU64(sequence);
        out.writeU64(validUntilMillis);
        return out.toByteArray();
    }

    /** The counter-signature of {@code party} (the owner or the buyer), for clients and tests. */
    public Signature sign(KeyPair party) {
        return party.sign(signingBytes());
    }

    public boolean isSignedBy(PublicKey party, Signature signature) {
        return Verifier.verify(party, signingBytes(), signature);
    }
}
