package org.fogledger.ledger.contract.consent;

/**
 * A party or a thing a consent names, by the identifier the ledger knows it by: a key (tagged lowercase hex),
 * a role code, an organisation id or a device id. {@code display} is free text kept as given.
 */
public record Reference(ReferenceKind kind, String value, String display) {

    public static Reference key(String keyHex) {
        return new Reference(ReferenceKind.KEY, keyHex, null);
    }

    public static Reference role(String role) {
        return new Reference(ReferenceKind.ROLE, role, null);
    }

    public static Reference organization(String id) {
        return new Reference(ReferenceKind.ORGANIZATION, id, null);
    }

    public static Reference device(String id) {
        return new Reference(ReferenceKind.DEVICE, id, null);
    }

    @Override
    public String toString() {
        return (kind == null ? "?" : kind.jsonName()) + ":" + value;
    }
}
