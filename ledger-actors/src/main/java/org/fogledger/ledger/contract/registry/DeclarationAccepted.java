package org.fogledger.ledger.contract.registry;

/** The result data of an accepted {@code register}, {@code declare} or {@code resell}: the entry and where it led. */
public record DeclarationAccepted(String deviceId, HistoryEntry entry, Phase phase, boolean blocked) {
}
