package org.fogledger.ledger.contract.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * What a declaration says happened to a device, in the past tense, modelled on the GS1 EPCIS business steps of the
 * CBV 2.0 ({@code https://ref.gs1.org/cbv/BizStep-...}); each comment names the step. Which declaration is legal
 * from which phase is {@link Transitions}' business; who may make it is {@link DeclarationRights}'.
 */
public enum Declaration {
    /** The maker registered the device (command {@code register}). CBV {@code encoding} (closest). */
    REGISTERED("registered"),
    /** CBV {@code commissioning}. */
    COMMISSIONED("commissioned"),
    /** CBV {@code shipping}. */
    SHIPPED("shipped"),
    /** CBV {@code receiving}. */
    RECEIVED("received"),
    /** CBV {@code storing}. */
    STORED("stored"),
    /** Put into service at its location; from public access, withdraws public access. CBV {@code installing}. */
    INSTALLED("installed"),
    /** Opened to the public. No CBV step ({@code other}). */
    PUBLIC_ACCESS("public-access"),
    /**
     * Ownership passed to another key, signed by both owners (command {@code resell}). CBV {@code accepting} (a
     * change of possession and/or ownership); {@code retail_selling} for a sale to a consumer.
     */
    RESOLD("resold"),
    /** No CBV step ({@code other}); the disposition is CBV {@code stolen}. */
    STOLEN("stolen"),
    /** The owner has the stolen device back. No CBV step; closest {@code receiving}. */
    RECOVERED("recovered"),
    /** Out of support. No CBV step ({@code other}); the disposition is CBV {@code expired}. */
    OBSOLETE("obsolete"),
    /** CBV {@code decommissioning}. */
    DECOMMISSIONED("decommissioned"),
    /** CBV {@code destroying}. */
    DESTROYED("destroyed"),
    /** An agent's (or the owner's) decision to bar the device. CBV {@code holding}. */
    BLOCKED("blocked"),
    /** The end of a block. No CBV step ({@code other}); CBV would record disposition {@code available}. */
    RELEASED("released");

    /** The declarations that move the lifecycle, in table order (what {@link Transitions} has a row for). */
    public static final List<Declaration> LIFECYCLE = List.of(COMMISSIONED, SHIPPED, RECEIVED, STORED, INSTALLED,
            PUBLIC_ACCESS, RESOLD, STOLEN, RECOVERED, OBSOLETE, DECOMMISSIONED, DESTROYED);

    /** The declarations that lay or lift a block over the lifecycle. */
    public static final List<Declaration> HOLD = List.of(BLOCKED, RELEASED);

    private final String wireName;

    Declaration(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Reads the wire name, never a position (see {@link WireNames}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Declaration fromWireName(String wireName) {
        return WireNames.parse(values(), Declaration::wireName, wireName, "declaration");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
