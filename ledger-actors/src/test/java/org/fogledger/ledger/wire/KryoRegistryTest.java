package org.fogledger.ledger.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.fogledger.ledger.crypto.Hash;
import org.junit.jupiter.api.Test;

class KryoRegistryTest {

    @Test
    void duplicateIdIsRefusedNamingBothClasses() {
        KryoRegistry registry = new KryoRegistry();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.include(KryoIdRange.TEST, new DuplicateIdRegistrar()));
        assertContains(e, "duplicate Kryo id 8100");
        assertContains(e, SampleMessages.Blob.class.getName());
        assertContains(e, SampleMessages.Holder.class.getName());
    }

    @Test
    void duplicateClassIsRefusedAcrossModules() {
        KryoRegistry registry = new KryoRegistry().include(KryoIdRange.LEDGER_ACTORS, new LedgerKryoRegistrar());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.include(KryoIdRange.AGENTS, r -> r.register(Hash.class, 2000)));
        assertContains(e, "class " + Hash.class.getName() + " registered twice: id 200");
        assertContains(e, "id 2000");
    }

    @Test
    void idOutsideTheModulesRangeIsRefused() {
        KryoRegistry registry = new KryoRegistry();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.include(KryoIdRange.AGENTS, r -> r.register(SampleMessages.Blob.class, 150)));
        assertContains(e, "Kryo id 150");
        assertContains(e, "outside the module's range agents [2000..3999]");
    }

    @Test
    void kryosOwnIdsAndClassesAreRefused() {
        for (KryoIdRange range : KryoIdRange.values()) {
            assertTrue(range.first() >= KryoIdRange.FIRST_APPLICATION_ID, range::toString);
        }
        KryoRegistry registry = new KryoRegistry();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.include(KryoIdRange.TEST, r -> r.register(String.class, 8050)));
        assertContains(e, "registered by Kryo itself");
    }

    @Test
    void rangesDoNotOverlap() {
        KryoIdRange[] ranges = KryoIdRange.values();
        for (int i = 1; i < ranges.length; i++) {
            assertTrue(ranges[i - 1].last() < ranges[i].first(), ranges[i - 1] + " overlaps " + ranges[i]);
        }
    }

    @Test
    void registeringOutsideARegistrarIsRefused() {
        assertThrows(IllegalStateException.class, () -> new KryoRegistry().register(SampleMessages.Blob.class, 8000));
    }

    @Test
    void configKeysAreModuleNamesAndValuesAClassOrAList() {
        KryoRegistry registry = KryoRegistry.fromConfig(ConfigFactory.parseString("""
                test = ["org.fogledger.ledger.wire.WireTestRegistrar"]
                ledger-actors = "org.fogledger.ledger.wire.LedgerKryoRegistrar"
                """), getClass().getClassLoader());
        // Included in KryoIdRange order whatever the config order: ledger-actors first.
        assertEquals(byte[].class, registry.entries().get(0).type());
        assertEquals(List.of(8000, 8001, 8002, 8003, 8004),
                registry.entries().stream().map(KryoRegistry.Entry::id).filter(id -> id >= 8000).toList());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> KryoRegistry.fromConfig(ConfigFactory.parseString("ledger = \"x\""), getClass().getClassLoader()));
        assertContains(unknown, "registrars.ledger: unknown module; expected one of ledger-actors, agents");

        IllegalArgumentException notARegistrar = assertThrows(IllegalArgumentException.class,
                () -> KryoRegistry.fromConfig(ConfigFactory.parseString("test = \"java.lang.Object\""),
                        getClass().getClassLoader()));
        assertContains(notARegistrar, "does not implement");
    }

    @Test
    void nodeWithADuplicateIdFailsAtStartupWithAClearMessage() {
        var config = ConfigFactory.parseString("""
                fogledger.serialization.kryo.registrars.test = "org.fogledger.ledger.wire.DuplicateIdRegistrar"
                """).withFallback(ConfigFactory.load());
        Throwable failure = assertThrows(Throwable.class, () -> {
            ActorTestKit testKit = ActorTestKit.create(config);
            try {
                SerializationExtension.get(testKit.system());
            } finally {
                testKit.shutdownTestKit();
            }
        });
        assertTrue(causes(failure).stream().anyMatch(cause -> String.valueOf(cause.getMessage())
                        .contains("duplicate Kryo id 8100")),
                () -> "no cause names the duplicate id: " + causes(failure));
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static void assertContains(Throwable e, String expected) {
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
