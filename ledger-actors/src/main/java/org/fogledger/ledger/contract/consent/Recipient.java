package org.fogledger.ledger.contract.consent;

import org.fogledger.ledger.crypto.PublicKey;

/**
 * Who asks for the data, as the gateway knows them: their key, the role they act in, the organisation they act
 * for. A provision's actor matches when any one of these equals it. Give every attribute you know: an exception
 * (say, a deny for one organisation) can only apply to a recipient whose organisation is given.
 */
public record Recipient(PublicKey key, String role, String organization) {

    public Recipient {
        if (key == null && role == null && organization == null) {
            throw new IllegalArgumentException("recipient: give at least one of key, role, organization");
        }
        if (role != null && role.isEmpty() || organization != null && organization.isEmpty()) {
            throw new IllegalArgumentException("recipient: role and organization must not be empty strings");
        }
    }

    public static Recipient key(PublicKey key) {
        return new Recipient(key, null, null);
    }
}
