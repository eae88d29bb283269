package org.fogledger.ledger.contract.registry;

/**
 * Payload of command {@code declare}: a lifecycle declaration or a block or release.
 *
 * @param declaration what is declared ({@code registered} and {@code resold} have their own commands)
 * @param location    the device's new place in the hierarchy; only with {@code received}, {@code stored},
 *                    {@code installed}; optional
 * @param note        free text kept in the history (a ticket, a police report number); optional
 */
public record DeclareCommand(Declaration declaration, String location, String note) {
}
