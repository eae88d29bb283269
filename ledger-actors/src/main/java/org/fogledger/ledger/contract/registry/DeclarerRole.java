package org.fogledger.ledger.contract.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** In what capacity a key made a declaration; kept in the history next to the key. */
public enum DeclarerRole {
    /** Signed the registration. */
    MAKER("maker"),
    /** The device's owner at the time. */
    OWNER("owner"),
    /** The buyer in a resale, when the buyer sent it (the seller's counter-signature travelled in the payload). */
    NEW_OWNER("new-owner"),
    /** A key the owner granted administration of this device, within its expiry. */
    ADMINISTRATOR("administrator"),
    /**
     * The contract named {@code authority}, which checks agents' delegation chains and jurisdictions and then
     * messages the registry; the declarer key is the agent that signed the originating transaction.
     */
    AUTHORITY("authority"),
    /**
     * The contract named {@code arbitration}, instance {@code arbitration/<deviceId>}, enacting the decision it
     * settled; the declarer key is the winning agent.
     */
    ARBITRATION("arbitration");

    private final String wireName;

    DeclarerRole(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Reads the wire name, never a position (see {@link WireNames}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DeclarerRole fromWireName(String wireName) {
        return WireNames.parse(values(), DeclarerRole::wireName, wireName, "role");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
