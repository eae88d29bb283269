package org.fogledger.ledger.contract.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * A registered device: its identity, its owner and administrators, where it is in its life and in the hierarchy, and
 * the declarations that brought it there.
 *
 * <p>The history keeps the last {@value #HISTORY_LIMIT} entries (the ledger and the instance's journal keep them
 * all); the declarations that decide the device's current standing ({@code phaseDecidedBy}, {@code block}) are kept
 * apart, so they are never trimmed away.
 *
 * @param deviceId          the instance key
 * @param deviceKey         the key the device signs its readings and sessions with
 * @param model             the maker's model name
 * @param maker             the key that registered the device
 * @param owner             the current owner's key
 * @param location          the device's place in the hierarchy ({@link DevicePath})
 * @param phase             the lifecycle phase
 * @param phaseDecidedBy    the declaration that moved the device into {@code phase}
 * @param block             the block declaration in force, or null when the device is not blocked
 * @param administrators    grants of administration, by the administrator key's hex
 * @param ownershipSequence the number of resales so far: the sequence the next resale's statements must name
 * @param declarationCount  declarations accepted so far, the registration included
 * @param history           the last {@value #HISTORY_LIMIT} declarations, oldest first
 * @param arbitrationHold   the block or quarantine the arbitration contract enacted, or null when none; apart from
 *                          {@code block}, so a declared release never lifts it and the arbitration never lifts a
 *                          declared block
 */
public record RegisteredDevice(String deviceId, PublicKey deviceKey, String model, PublicKey maker, PublicKey owner,
                               String location, Phase phase, HistoryEntry phaseDecidedBy, HistoryEntry block,
                               SortedMap<String, AdministratorGrant> administrators, long ownershipSequence,
                               long declarationCount, List<HistoryEntry> history,
                               ArbitrationHold arbitrationHold) implements DeviceState {

    public static final int HISTORY_LIMIT = 256;

    public RegisteredDevice {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(phaseDecidedBy, "phaseDecidedBy");
        administrators = Collections.unmodifiableSortedMap(new TreeMap<>(
                administrators == null ? new TreeMap<>() : administrators));
        history = List.copyOf(history == null ? List.of() : history);
    }

    /** The state right after {@code registration}. */
    public static RegisteredDevice registered(String deviceId, PublicKey deviceKey, String model, PublicKey maker,
                                              PublicKey owner, String location, HistoryEntry registration) {
        return new RegisteredDevice(deviceId, deviceKey, model, maker, owner, location, Phase.REGISTERED,
                registration, null, new TreeMap<>(), 0, 1, List.of(registration), null);
    }

    public boolean hasBlock() {
        return block != null;
    }

    /** The sequence the next declaration gets. */
    public long nextSequence() {
        return declarationCount;
    }

    /** The grant of {@code key}, or null if the owner never granted it (or revoked it). */
    public AdministratorGrant grantOf(PublicKey key) {
        return administrators.get(ContractJson.hex(key));
    }

    /** After a lifecycle declaration that led to {@code next}; a declaration that names a location moves it. */
    public RegisteredDevice declared(HistoryEntry entry, Phase next) {
        return new RegisteredDevice(deviceId, deviceKey, model, maker, owner,
                entry.location() == null ? location : entry.location(), next, entry, block, administrators,
                ownershipSequence, declarationCount + 1, appended(entry), arbitrationHold);
    }

    public RegisteredDevice blocked(HistoryEntry entry) {
        return new RegisteredDevice(deviceId, deviceKey, model, maker, owner, location, phase, phaseDecidedBy,
                entry, administrators, ownershipSequence, declarationCount + 1, appended(entry), arbitrationHold);
    }

    /** After the arbitration enacted {@code hold} ({@link DeviceHold#OPEN} lifts its hold); the declared block stays. */
    public RegisteredDevice enacted(HistoryEntry entry, DeviceHold hold, String reason) {
        return new RegisteredDevice(deviceId, deviceKey, model, maker, owner, location, phase, phaseDecidedBy, block,
                administrators, ownershipSequence, declarationCount + 1, appended(entry),
                hold == DeviceHold.OPEN ? null : new ArbitrationHold(hold, entry, reason));
    }

    public DeviceHold hold() {
        return arbitrationHold == null ? DeviceHold.OPEN : arbitrationHold.hold();
    }

    public RegisteredDevice released(HistoryEntry entry) {
        return new RegisteredDevice(deviceId, deviceKey, model, maker, owner, location, phase, phaseDecidedBy,
                null, administrators, ownershipSequence, declarationCount + 1, appended(entry), arbitrationHold);
    }

    /**
     * After a resale to {@code newOwner}: the grants end (the buyer did not make them), the resale sequence moves on
     * (so the statements that allowed this resale cannot allow another), and a block in force stays.
     */
    public RegisteredDevice transferred(HistoryEntry entry, PublicKey newOwner, Phase next) {
        return new RegisteredDevice(deviceId, deviceKey, model, maker, newOwner, location, next, entry, block,
                new TreeMap<>(), ownershipSequence + 1, declarationCount + 1, appended(entry), arbitrationHold);
    }

    /** With {@code grant} in place of any earlier grant to the same key; grants expired by then are dropped. */
    public RegisteredDevice granted(AdministratorGrant grant) {
        TreeMap<String, AdministratorGrant> next = new TreeMap<>();
        for (var entry : administrators.entrySet()) {
            if (entry.getValue().holdsAt(grant.grantedAtMillis())) {
                next.put(entry.getKey(), entry.getValue());
            }
        }
        next.put(ContractJson.hex(grant.administrator()), grant);
        return withAdministrators(next);
    }

    public RegisteredDevice revoked(PublicKey administrator) {
        TreeMap<String, AdministratorGrant> next = new TreeMap<>(administrators);
        next.remove(ContractJson.hex(administrator));
        return withAdministrators(next);
    }

    private RegisteredDevice withAdministrators(SortedMap<String, AdministratorGrant> next) {
        return new RegisteredDevice(deviceId, deviceKey, model, maker, owner, location, phase, phaseDecidedBy, block,
                next, ownershipSequence, declarationCount, history, arbitrationHold);
    }

    private List<HistoryEntry> appended(HistoryEntry entry) {
        List<HistoryEntry> next = new ArrayList<>(Math.min(history.size() + 1, HISTORY_LIMIT));
        int from = Math.max(0, history.size() + 1 - HISTORY_LIMIT);
        next.addAll(history.subList(from, history.size()));
        next.add(entry);
        return next;
    }
}
