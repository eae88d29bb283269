package org.fogledger.ledger.contract.registry;

import java.util.List;
import java.util.SortedMap;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The answer of query {@code device}: the record, the declarations legal now, and the history with its counts
 * ({@code declarationCount} accepted in all, the last {@code history.size()} of them listed, at most
 * {@code historyLimit}).
 */
public record DeviceView(String deviceId, PublicKey deviceKey, String model, PublicKey maker, PublicKey owner,
                         String location, Phase phase, HistoryEntry phaseDecidedBy, HistoryEntry block,
                         SortedMap<String, AdministratorGrant> administrators, long ownershipSequence,
                         List<Declaration> allowedDeclarations, long declarationCount, long omittedFromHistory,
                         int historyLimit, List<HistoryEntry> history, ArbitrationHold arbitrationHold) {

    public static DeviceView of(RegisteredDevice device) {
        return new DeviceView(device.deviceId(), device.deviceKey(), device.model(), device.maker(), device.owner(),
                device.location(), device.phase(), device.phaseDecidedBy(), device.block(), device.administrators(),
                device.ownershipSequence(), Transitions.allowed(device.phase(), device.hasBlock()),
                device.declarationCount(), device.declarationCount() - device.history().size(),
                RegisteredDevice.HISTORY_LIMIT, device.history(), device.arbitrationHold());
    }
}
