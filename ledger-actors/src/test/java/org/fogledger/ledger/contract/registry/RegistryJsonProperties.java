package org.fogledger.ledger.contract.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * States, events and answers survive the one JSON form exactly: what the journal, the snapshots and the results hash
 * hold reads back to the same value and writes to the same bytes.
 */
class RegistryJsonProperties {

    @Property(tries = 200)
    void states_round_trip(@ForAll("states") DeviceState state) {
        assertRoundTrips(state, DeviceState.class);
    }

    @Property(tries = 200)
    void events_round_trip(@ForAll("events") DeviceEvent event) {
        assertRoundTrips(event, DeviceEvent.class);
    }

    @Property(tries = 60)
    void answers_round_trip(@ForAll("devices") RegisteredDevice device) {
        assertRoundTrips(DeviceView.of(device), DeviceView.class);
        assertRoundTrips(LegitimacyRules.judge(device), Legitimacy.class);
        assertRoundTrips(new DeclarationAccepted(device.deviceId(), device.phaseDecidedBy(), device.phase(),
                device.hasBlock()), DeclarationAccepted.class);
    }

    @Property(tries = 60)
    void applying_any_events_never_throws_and_gives_states_that_round_trip(
            @ForAll("histories") List<DeviceEvent> events) {
        RegistryContract contract = new RegistryContract(RegistryHarness.CHAIN_ID);
        DeviceState state = contract.initialState(RegistryHarness.DEVICE);
        for (DeviceEvent event : events) {
            state = contract.apply(state, event);
            assertRoundTrips(state, DeviceState.class);
        }
    }

    /** The checker itself catches what it is for: a record with an extra bean-like accessor does not read back. */
    @Example
    void the_round_trip_check_catches_a_value_that_does_not_read_back() {
        assertThrows(IllegalStateException.class, () -> assertRoundTrips(new Leaky("x"), Leaky.class));
    }

    record Leaky(String name) {
        // Written as a property "empty", which reading then refuses: the trap hasBlock() avoids.
        public boolean isEmpty() {
            return name.isEmpty();
        }
    }

    static <T> void assertRoundTrips(T value, Class<T> type) {
        byte[] json = ContractJson.write(value);
        T back = ContractJson.readTrusted(json, type);
        assertEquals(value, back);
        assertArrayEquals(json, ContractJson.write(back), "writing is deterministic");
    }

    // --- generators ---

    static Arbitrary<PublicKey> keys() {
        return Arbitraries.oneOf(
                Arbitraries.of("maker", "owner", "buyer", "admin", "agent")
                        .map(name -> RegistryHarness.key(name).publicKey()),
                Arbitraries.bytes().array(byte[].class).ofSize(32).map(raw -> PublicKey.of(SignatureScheme.ED25519,
                        raw)));
    }

    static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(" -_./:'\"\\").ofMinLength(1).ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0020', '\uD7FF').ofMinLength(1).ofMaxLength(30));
    }

    static Arbitrary<String> paths() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMinLength(1).ofMaxLength(12)
                .list().ofMinSize(1).ofMaxSize(6).map(segments -> "/" + String.join("/", segments));
    }

    static Arbitrary<HistoryEntry> entries() {
        return Combinators.combine(
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.longs(), keys(),
                Arbitraries.of(DeclarerRole.class),
                Arbitraries.of("authority/_", "authority/eu").injectNull(0.7),
                Arbitraries.of(Declaration.class)
        ).flatAs((sequence, height, index, time, declarer, role, caller, declaration) -> Combinators.combine(
                paths().injectNull(0.5), keys().injectNull(0.7), texts().injectNull(0.5)
        ).as((location, newOwner, note) -> new HistoryEntry(sequence, height, index, time, declarer, role, caller,
                declaration, location, newOwner, note)));
    }

    static Arbitrary<AdministratorGrant> grants() {
        return Combinators.combine(keys(), Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.longs(),
                        Arbitraries.longs().injectNull(0.4))
                .as(AdministratorGrant::new);
    }

    @Provide
    Arbitrary<RegisteredDevice> devices() {
        Arbitrary<TreeMap<String, AdministratorGrant>> administrators = grants().list().ofMaxSize(4).map(list -> {
            TreeMap<String, AdministratorGrant> map = new TreeMap<>();
            list.forEach(grant -> map.put(ContractJson.hex(grant.administrator()), grant));
            return map;
        });
        return Combinators.combine(
                Arbitraries.strings().alpha().numeric().withChars("-._:").ofMinLength(1).ofMaxLength(20),
                keys(), texts(), keys(), keys(), paths(), Arbitraries.of(Phase.class), entries()
        ).flatAs((id, deviceKey, model, maker, owner, location, phase, decided) -> Combinators.combine(
                entries().injectNull(0.5), administrators, Arbitraries.longs().between(0, 1_000),
                Arbitraries.longs().between(0, 1_000_000), entries().list().ofMaxSize(5), holds().injectNull(0.5)
        ).as((block, admins, resales, count, history, hold) -> new RegisteredDevice(id, deviceKey, model, maker,
                owner, location, phase, decided, block, admins, resales, count, history, hold)));
    }

    static Arbitrary<ArbitrationHold> holds() {
        return Combinators.combine(Arbitraries.of(DeviceHold.BLOCKED, DeviceHold.QUARANTINED), entries(), texts())
                .as(ArbitrationHold::new);
    }

    @Provide
    Arbitrary<DeviceState> states() {
        return Arbitraries.oneOf(devices().map(device -> (DeviceState) device),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(UnregisteredDevice::new));
    }

    @Provide
    Arbitrary<DeviceEvent> events() {
        return Arbitraries.oneOf(
                registrations(),
                Combinators.combine(entries(), Arbitraries.of(Phase.class)).as(LifecycleDeclared::new),
                Combinators.combine(entries(), keys(), keys(), Arbitraries.of(Phase.class))
                        .as((entry, newOwner, previous, phase) -> new OwnershipTransferred(
                                withNewOwner(entry, newOwner), previous, phase)),
                entries().map(DeviceBlocked::new),
                entries().map(DeviceReleased::new),
                Combinators.combine(entries(), Arbitraries.of(DeviceHold.class), texts())
                        .as(ArbitrationEnacted::new),
                grants().map(AdministrationGranted::new),
                Combinators.combine(keys(), Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE)).as(AdministrationRevoked::new));
    }

    static Arbitrary<DeviceEvent> registrations() {
        return Combinators.combine(keys(), texts(), keys(), keys(), paths(), entries())
                .as((deviceKey, model, maker, owner, location, entry) -> new DeviceRegistered(RegistryHarness.DEVICE,
                        deviceKey, model, maker, owner, location, entry));
    }

    /** Event sequences that start with a registration, as a journal does; the rest need not fit (apply is total). */
    @Provide
    Arbitrary<List<DeviceEvent>> histories() {
        return Combinators.combine(registrations(), events().list().ofMaxSize(12)).as((first, rest) -> {
                    List<DeviceEvent> all = new ArrayList<>();
                    all.add(first);
                    all.addAll(rest);
                    return all;
                });
    }

    private static HistoryEntry withNewOwner(HistoryEntry entry, PublicKey newOwner) {
        return new HistoryEntry(entry.sequence(), entry.height(), entry.index(), entry.blockTimeMillis(),
                entry.declarer(), entry.role(), entry.caller(), Declaration.RESOLD, entry.location(), newOwner,
                entry.note());
    }
}
