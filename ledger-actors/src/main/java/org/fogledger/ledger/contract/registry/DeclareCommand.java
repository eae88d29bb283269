package org.fogledger.ledger.contract.registry;

/**
 * Payload of command {@code declare}: a lifecycle declaration or a block or release.
 *
 * @param declaration  what is declared ({@code registered} and {@code resold} have their own commands)
 * @param location     the device's new place in the hierarchy; only with {@code received}, {@code stored},
 *                     {@code installed}; optional
 * @param note         free text kept in the history (a ticket, a police report number); optional
 * @param jurisdiction the relaying agent's jurisdiction ({@link DevicePath#ROOT} or a path): required from the
 *                     {@code authority} contract, refused from anyone else; the device (and any new location) must
 *                     lie within it
 * @param rank         the relaying agent's rank, as the authority contract names it; with {@code jurisdiction} only
 */
public record DeclareCommand(Declaration declaration, String location, String note, String jurisdiction,
                             String rank) {

    /** A declaration as an owner or an administrator sends it: no jurisdiction, no rank. */
    public DeclareCommand(Declaration declaration, String location, String note) {
        this(declaration, location, note, null, null);
    }
}
