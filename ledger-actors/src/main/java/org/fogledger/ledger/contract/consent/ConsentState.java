package org.fogledger.ledger.contract.consent;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * One data owner's consents. The instance key is the owner's key id (the SHA-256 of their tagged public key, in
 * hex), so the address alone says whose consents these are; the key itself is learnt from the first grant.
 *
 * @param ownerKeyId the instance key
 * @param owner      the owner's public key, null until the first grant
 * @param consents   by consent id
 */
public record ConsentState(String ownerKeyId, PublicKey owner, SortedMap<String, ConsentRecord> consents) {

    public ConsentState {
        Objects.requireNonNull(ownerKeyId, "ownerKeyId");
        consents = Collections.unmodifiableSortedMap(new TreeMap<>(consents));
    }

    public static ConsentState empty(String ownerKeyId) {
        return new ConsentState(ownerKeyId, null, new TreeMap<>());
    }

    public Optional<ConsentRecord> find(String consentId) {
        return Optional.ofNullable(consents.get(consentId));
    }

    ConsentState with(PublicKey newOwner, ConsentRecord record) {
        SortedMap<String, ConsentRecord> more = new TreeMap<>(consents);
        more.put(record.id(), record);
        return new ConsentState(ownerKeyId, newOwner, more);
    }
}
