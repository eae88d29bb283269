package org.fogledger.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;

/**
 * Every kind decodes back to an equal value and re-encodes to the same bytes; every proper prefix, every extra
 * byte and every corruption is refused with a {@link DecodingException} (never another exception, never an
 * allocation sized by the attacker).
 */
class CanonicalEncodingProperties {

    @Provide
    Arbitrary<EncodedSample> samples() {
        return Arbitraries.oneOf(
                ChainArbitraries.transactions().map(EncodedSample::of),
                ChainArbitraries.unsignedTransactions().map(EncodedSample::of),
                ChainArbitraries.headers().map(EncodedSample::of),
                ChainArbitraries.blocks().map(EncodedSample::of),
                ChainArbitraries.certificates().map(EncodedSample::of),
                ChainArbitraries.receipts().map(EncodedSample::of),
                ChainArbitraries.storedEvents().map(EncodedSample::of),
                ChainArbitraries.validatorSets().map(EncodedSample::of),
                ChainArbitraries.merkleProofs().map(EncodedSample::of));
    }

    @Property(tries = 400)
    void decodingGivesAnEqualValueThatReencodesToTheSameBytes(@ForAll("samples") EncodedSample sample) {
        Object decoded = sample.decode(sample.bytes());
        assertEquals(sample.value(), decoded);
        assertEquals(sample.value().hashCode(), decoded.hashCode());
        assertArrayEquals(sample.bytes(), EncodedSample.encode(decoded));
    }

    @Property(tries = 400)
    void everyProperPrefixIsRefused(@ForAll("samples") EncodedSample sample, @ForAll @IntRange(min = 0) int cut) {
        byte[] truncated = Arrays.copyOf(sample.bytes(), cut % sample.bytes().length);
        assertThrows(DecodingException.class, () -> sample.decode(truncated));
    }

    @Property(tries = 400)
    void aTrailingByteIsRefused(@ForAll("samples") EncodedSample sample, @ForAll byte extra) {
        byte[] longer = Arrays.copyOf(sample.bytes(), sample.bytes().length + 1);
        longer[longer.length - 1] = extra;
        DecodingException e = assertThrows(DecodingException.class, () -> sample.decode(longer));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        assertEquals(sample.bytes().length, e.offset());
    }

    @Property(tries = 400)
    void anUnknownVersionIsRefusedAtOffsetZero(@ForAll("samples") EncodedSample sample,
                                               @ForAll @IntRange(min = 2, max = 255) int version) {
        byte[] bytes = sample.bytes().clone();
        bytes[0] = (byte) version;
        DecodingException e = assertThrows(DecodingException.class, () -> sample.decode(bytes));
        assertEquals(sample.kind() + ".version: unknown format version " + version
                + " (this node reads version 1) at offset 0", e.getMessage());
    }

    @Property(tries = 400)
    void anotherKindIsRefusedAtOffsetOne(@ForAll("samples") EncodedSample sample,
                                         @ForAll @IntRange(min = 0, max = 255) int kind) {
        byte[] bytes = sample.bytes().clone();
        if ((bytes[1] & 0xff) == kind) {
            return;
        }
        bytes[1] = (byte) kind;
        DecodingException e = assertThrows(DecodingException.class, () -> sample.decode(bytes));
        assertTrue(e.getMessage().startsWith(sample.kind() + ".kind: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" at offset 1"), e.getMessage());
    }

    /** Any 4-byte window set to 0xFFFFFFFF: a huge length anywhere is refused before anything is allocated. */
    @Property(tries = 400)
    void aHugeValueAnywhereIsRefusedCleanly(@ForAll("samples") EncodedSample sample,
                                            @ForAll @IntRange(min = 0) int where) {
        byte[] bytes = sample.bytes().clone();
        int at = where % (bytes.length - 3);
        Arrays.fill(bytes, at, at + 4, (byte) 0xff);
        decodesOrRefusesCleanly(sample, bytes);
    }

    /** Random corruption either still decodes (to a value that re-encodes to the input) or is refused cleanly. */
    @Property(tries = 600)
    void randomCorruptionIsRefusedOrStaysCanonical(@ForAll("samples") EncodedSample sample,
                                                   @ForAll @IntRange(min = 0) int where, @ForAll byte value) {
        byte[] bytes = sample.bytes().clone();
        bytes[where % bytes.length] ^= value == 0 ? 1 : value;
        decodesOrRefusesCleanly(sample, bytes);
    }

    @Property(tries = 200)
    void aHugeTransactionPayloadLengthNamesFieldLimitAndOffset(@ForAll("transactionsOnly") Transaction tx) {
        byte[] bytes = tx.encode();
        int payloadLengthAt = bytes.length - 1 - tx.signature().scheme().signatureLength() - tx.payloadLength() - 4;
        putU32(bytes, payloadLengthAt, 9_000_000);
        DecodingException e = assertThrows(DecodingException.class,
                () -> Transaction.decode(bytes, CodecLimits.DEFAULT));
        assertEquals("transaction.payload: length 9000000 exceeds limit 61440 at offset " + payloadLengthAt,
                e.getMessage());
    }

    @Property(tries = 100)
    void aHugeTransactionCountNamesFieldLimitAndOffset(@ForAll("blocksOnly") Block block) {
        byte[] bytes = block.encode();
        int countAt = 2 + block.header().encode().length;
        putU32(bytes, countAt, 0x7fff_ffff);
        DecodingException e = assertThrows(DecodingException.class, () -> Block.decode(bytes, CodecLimits.DEFAULT));
        assertEquals("block.transactions: length 2147483647 exceeds limit 10000 at offset " + countAt,
                e.getMessage());
    }

    @Property(tries = 100)
    void aHugeSignatureCountNamesFieldLimitAndOffset(@ForAll("certificatesOnly") QuorumCertificate qc) {
        byte[] bytes = qc.encode();
        int countAt = 2 + 32 + 8 + 8;
        putU32(bytes, countAt, 5000);
        DecodingException e = assertThrows(DecodingException.class,
                () -> QuorumCertificate.decode(bytes, CodecLimits.DEFAULT));
        assertEquals("quorumCertificate.signatures: length 5000 exceeds limit 1024 at offset " + countAt,
                e.getMessage());
    }

    @Property(tries = 100)
    void aHugeReceiptResultLengthNamesFieldLimitAndOffset(@ForAll("receiptsOnly") Receipt receipt) {
        byte[] bytes = receipt.encode();
        int lengthAt = bytes.length - receipt.result().length - 4;
        putU32(bytes, lengthAt, 70_000);
        DecodingException e = assertThrows(DecodingException.class,
                () -> Receipt.decode(bytes, CodecLimits.DEFAULT));
        assertEquals("receipt.result: length 70000 exceeds limit 61440 at offset " + lengthAt, e.getMessage());
    }

    @Property(tries = 100)
    void aHugeEventPayloadLengthNamesFieldLimitAndOffset(@ForAll("eventsOnly") StoredEvent event) {
        byte[] bytes = event.encode();
        int lengthAt = bytes.length - event.payload().length - 4;
        putU32(bytes, lengthAt, 0xffff_ffff);
        DecodingException e = assertThrows(DecodingException.class,
                () -> StoredEvent.decode(bytes, CodecLimits.DEFAULT));
        assertEquals("storedEvent.payload: length 4294967295 exceeds limit 61440 at offset " + lengthAt,
                e.getMessage());
    }

    @Property(tries = 100)
    void aHugeChainIdLengthNamesFieldLimitAndOffset(@ForAll("transactionsOnly") Transaction tx) {
        byte[] bytes = tx.encode();
        putU32(bytes, 2, 257);
        DecodingException e = assertThrows(DecodingException.class,
                () -> Transaction.decode(bytes, CodecLimits.DEFAULT));
        assertEquals("transaction.chainId: length 257 exceeds limit 256 at offset 2", e.getMessage());
    }

    @Property(tries = 100)
    void stringsAreCheckedInBytesNotCharacters(@ForAll @IntRange(min = 1, max = 200) int n) {
        String threeByteChars = "€".repeat(n);
        Transaction tx = Transaction.sign(ChainFixtures.key(0), threeByteChars, 0, "c", "x", new byte[0]);
        int utf8 = threeByteChars.getBytes(StandardCharsets.UTF_8).length;
        if (utf8 <= 256) {
            assertEquals(tx, Transaction.decode(tx.encode(), CodecLimits.DEFAULT));
        } else {
            DecodingException e = assertThrows(DecodingException.class,
                    () -> Transaction.decode(tx.encode(), CodecLimits.DEFAULT));
            assertEquals("transaction.chainId: length " + utf8 + " exceeds limit 256 at offset 2", e.getMessage());
        }
    }

    @Provide
    Arbitrary<Transaction> transactionsOnly() {
        return Arbitraries.oneOf(ChainArbitraries.transactions(), ChainArbitraries.unsignedTransactions());
    }

    @Provide
    Arbitrary<Block> blocksOnly() {
        return ChainArbitraries.blocks();
    }

    @Provide
    Arbitrary<QuorumCertificate> certificatesOnly() {
        return ChainArbitraries.certificates();
    }

    @Provide
    Arbitrary<Receipt> receiptsOnly() {
        return ChainArbitraries.receipts();
    }

    @Provide
    Arbitrary<StoredEvent> eventsOnly() {
        return ChainArbitraries.storedEvents();
    }

    private static void decodesOrRefusesCleanly(EncodedSample sample, byte[] bytes) {
        Object decoded;
        try {
            decoded = sample.decode(bytes);
        } catch (DecodingException refused) {
            assertTrue(refused.getMessage().contains(" at offset "), refused.getMessage());
            return;
        }
        // Accepted: then it must be the one canonical encoding of what was decoded.
        assertArrayEquals(bytes, EncodedSample.encode(decoded));
    }

    private static void putU32(byte[] bytes, int at, long value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
