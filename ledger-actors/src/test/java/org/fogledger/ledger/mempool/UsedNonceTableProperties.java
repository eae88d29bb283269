package org.fogledger.ledger.mempool;

import static org.fogledger.ledger.mempool.MempoolFixtures.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The used-nonce table survives export and restore (what a snapshot does) exactly: same answers for every nonce,
 * same export, and the restored copy goes on evolving like the original.
 */
class UsedNonceTableProperties {
    private static final int SENDERS = 5;

    @Property(tries = 300)
    void exportThenRestoreGivesTheSameTable(@ForAll("marks") List<Tuple2<Integer, Long>> marks,
                                            @ForAll("marks") List<Tuple2<Integer, Long>> later) {
        UsedNonceTable original = new UsedNonceTable();
        marks.forEach(m -> original.markUsed(sender(m.get1()), m.get2()));

        UsedNonceTable restored = UsedNonceTable.restore(original.export());
        assertEquals(original.export(), restored.export());
        assertSameAnswers(original, restored);

        later.forEach(m -> {
            original.markUsed(sender(m.get1()), m.get2());
            restored.markUsed(sender(m.get1()), m.get2());
        });
        assertEquals(original, restored, "a restored table evolves like the one it was exported from");
        assertSameAnswers(original, restored);
    }

    @Property(tries = 100)
    void theExportDoesNotDependOnTheOrderNoncesWereMarkedIn(@ForAll("marks") List<Tuple2<Integer, Long>> marks) {
        UsedNonceTable forwards = new UsedNonceTable();
        marks.forEach(m -> forwards.markUsed(sender(m.get1()), m.get2()));
        UsedNonceTable backwards = new UsedNonceTable();
        for (int i = marks.size() - 1; i >= 0; i--) {
            backwards.markUsed(sender(marks.get(i).get1()), marks.get(i).get2());
        }
        assertEquals(forwards.export(), backwards.export());
    }

    @Example
    void aSenderWithThousandsOfGapsStaysBounded() {
        UsedNonceTable table = new UsedNonceTable();
        PublicKey gappy = sender(0);
        for (long nonce = 1; nonce <= 3L * SenderNonces.MAX_USED_ABOVE; nonce += 2) {
            table.markUsed(gappy, nonce);
        }
        SenderNonces exported = table.export().get(0);
        assertEquals(SenderNonces.MAX_USED_ABOVE, exported.usedAbove().size());
        assertEquals(exported, UsedNonceTable.restore(List.of(exported)).export().get(0));
    }

    @Example
    void nonCanonicalFormsAreRefused() {
        PublicKey s = sender(1);
        assertThrows(IllegalArgumentException.class, () -> new SenderNonces(s, 5, List.of(5L)), "equal to the floor");
        assertThrows(IllegalArgumentException.class, () -> new SenderNonces(s, 5, List.of(3L)), "below the floor");
        assertThrows(IllegalArgumentException.class, () -> new SenderNonces(s, 0, List.of(4L, 2L)), "not increasing");
        assertThrows(IllegalArgumentException.class, () -> new SenderNonces(s, 0, List.of(2L, 2L)), "repeated");
        SenderNonces ok = new SenderNonces(s, 0, List.of(1L, 7L));
        assertThrows(IllegalArgumentException.class, () -> UsedNonceTable.restore(List.of(ok, ok)), "sender twice");
    }

    private static void assertSameAnswers(UsedNonceTable a, UsedNonceTable b) {
        for (int s = 0; s < SENDERS; s++) {
            assertEquals(a.lowestUnused(sender(s)), b.lowestUnused(sender(s)));
            for (long nonce = -2; nonce < 70; nonce++) {
                assertEquals(a.isUsed(sender(s), nonce), b.isUsed(sender(s), nonce), "sender " + s + " nonce " + nonce);
            }
        }
    }

    @Provide
    Arbitrary<List<Tuple2<Integer, Long>>> marks() {
        return Combinators.combine(Arbitraries.integers().between(0, SENDERS - 1),
                Arbitraries.longs().between(0, 64)).as(Tuple::of).list().ofMaxSize(120);
    }
}
