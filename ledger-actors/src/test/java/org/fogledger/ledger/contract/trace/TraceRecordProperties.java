package org.fogledger.ledger.contract.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/** Every record reads back equal from both forms, and no truncated or extended encoding reads at all. */
class TraceRecordProperties {

    @Provide
    Arbitrary<TraceRecord> records() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '.', 'é', '心')
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<PublicKey> keys = Arbitraries.integers().between(0, 7).map(i -> ChainFixtures.key(i).publicKey());
        Arbitrary<DataReference> data = Combinators.combine(text, text, Arbitraries.strings().ofLength(8))
                .as((device, dataClass, content) -> new DataReference(device, dataClass,
                        TraceFixtures.hash(content)));
        Arbitrary<String> streams = Arbitraries.strings().withCharRange('a', 'z').withChars('-', ':', '/')
                .ofMinLength(1).ofMaxLength(30);
        return Combinators.combine(Arbitraries.of(TraceKind.class), data, keys, keys, text,
                        text.injectNull(0.3), streams, Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((kind, ref, actor, recipient, purpose, consent, stream, sequence) -> new TraceRecord(kind, ref,
                        actor, kind == TraceKind.SHARE ? recipient : null, purpose, consent, stream, sequence,
                        sequence / 2));
    }

    @Property(tries = 300)
    void bothFormsReadBackEqual(@ForAll("records") TraceRecord record) {
        byte[] encoded = record.encode();
        TraceRecord decoded = TraceRecord.decode(encoded);
        assertEquals(record, decoded);
        assertArrayEquals(encoded, decoded.encode());
        assertEquals(record, ContractJson.read(ContractJson.write(record), TraceRecord.class, "record"));
        assertEquals(record.leafHash(), decoded.leafHash());
    }

    @Property(tries = 300)
    void truncatedOrExtendedEncodingsAreRefused(@ForAll("records") TraceRecord record,
                                                @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] encoded = record.encode();
        byte[] prefix = Arrays.copyOf(encoded, cut % encoded.length);
        assertThrows(DecodingException.class, () -> TraceRecord.decode(prefix));
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThrows(DecodingException.class, () -> TraceRecord.decode(longer));
    }

    @Property(tries = 300)
    void aChangedByteNeverGivesTheSameLeaf(@ForAll("records") TraceRecord record,
                                           @ForAll @IntRange(min = 0, max = 10_000) int position,
                                           @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] encoded = record.encode();
        byte[] changed = TraceFixtures.flip(encoded, position % encoded.length, mask);
        Hash leaf = record.leafHash();
        try {
            assertEquals(false, TraceRecord.decode(changed).leafHash().equals(leaf));
        } catch (DecodingException notARecord) {
            // Refused outright: also fine.
        }
    }
}
