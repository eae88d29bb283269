package org.fogledger.ledger.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.junit.jupiter.api.Test;

class CanonicalReaderTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void integersAreFixedWidthBigEndian() {
        byte[] bytes = new CanonicalWriter().writeU8(0xab).writeU32(0xfedc_ba98L).writeU64(-2L).toByteArray();
        assertArrayEquals(hex("ab fedcba98 fffffffffffffffe"), bytes);
        CanonicalReader in = new CanonicalReader(bytes);
        assertEquals(0xab, in.readU8("a"));
        assertEquals(0xfedc_ba98L, in.readU32("b"));
        assertEquals(-2L, in.readU64("c"));
        in.expectEnd("end");
    }

    @Test
    void byteStringsAndStringsCarryAU32Length() {
        byte[] bytes = new CanonicalWriter().writeBytes(new byte[] {1, 2}).writeString("é").toByteArray();
        assertArrayEquals(hex("00000002 0102 00000002 c3a9"), bytes);
        CanonicalReader in = new CanonicalReader(bytes);
        assertArrayEquals(new byte[] {1, 2}, in.readBytes("b", 2));
        assertEquals("é", in.readString("s", 2));
        in.expectEnd("end");
    }

    @Test
    void fourByteUtf8RoundTrips() {
        String emoji = "device \uD83D\uDE00";
        byte[] bytes = new CanonicalWriter().writeString(emoji).toByteArray();
        assertEquals(emoji, new CanonicalReader(bytes).readString("s", 64));
    }

    @Test
    void keysAndSignaturesAreTagThenRaw() {
        byte[] raw = new byte[32];
        raw[0] = 7;
        PublicKey key = PublicKey.of(SignatureScheme.ED25519, raw);
        Signature sig = Signature.of(SignatureScheme.ED25519, new byte[64]);
        byte[] bytes = new CanonicalWriter().writePublicKey(key).writeSignature(sig).writeHash(Hash.ZERO)
                .toByteArray();
        assertEquals(1 + 32 + 1 + 64 + 32, bytes.length);
        assertEquals(1, bytes[0]);
        CanonicalReader in = new CanonicalReader(bytes);
        assertEquals(key, in.readPublicKey("k"));
        assertEquals(sig, in.readSignature("s"));
        assertEquals(Hash.ZERO, in.readHash("h"));
        in.expectEnd("end");
    }

    @Test
    void anUnknownSchemeTagNamesTheFieldAndOffset() {
        byte[] bytes = hex("00 07" + "00".repeat(32));
        CanonicalReader in = new CanonicalReader(bytes);
        in.readU8("pad");
        DecodingException e = assertThrows(DecodingException.class, () -> in.readPublicKey("tx.sender"));
        assertEquals("tx.sender.scheme: unknown signature scheme tag 7 at offset 1", e.getMessage());
        assertEquals("tx.sender.scheme", e.field());
        assertEquals(1, e.offset());
    }

    @Test
    void aLengthOverTheLimitIsRefusedBeforeReadingTheBytes() {
        byte[] bytes = hex("0000ffff 00");
        DecodingException e = assertThrows(DecodingException.class,
                () -> new CanonicalReader(bytes).readBytes("transaction.payload", 100));
        assertEquals("transaction.payload: length 65535 exceeds limit 100 at offset 0", e.getMessage());
    }

    @Test
    void aLengthBeyondTheInputIsRefused() {
        byte[] bytes = hex("00000005 0102");
        DecodingException e = assertThrows(DecodingException.class,
                () -> new CanonicalReader(bytes).readBytes("x", 100));
        assertEquals("x: length 5 needs at least 5 bytes but 2 remain at offset 0", e.getMessage());
    }

    @Test
    void readingPastTheEndNamesTheFieldAndOffset() {
        CanonicalReader in = new CanonicalReader(hex("01 02 03"));
        in.readU8("a");
        DecodingException e = assertThrows(DecodingException.class, () -> in.readU64("block.height"));
        assertEquals("block.height: needs 8 byte(s) but 2 remain at offset 1", e.getMessage());
    }

    @Test
    void trailingBytesAreRefused() {
        CanonicalReader in = new CanonicalReader(hex("01 02 03"));
        in.readU8("a");
        DecodingException e = assertThrows(DecodingException.class, () -> in.expectEnd("receipt"));
        assertEquals("receipt: 2 trailing byte(s) after the end at offset 1", e.getMessage());
    }

    @Test
    void malformedUtf8IsRefused() {
        // An overlong encoding of '/', a lone continuation byte, and an encoded surrogate: all invalid UTF-8.
        for (String bad : new String[] {"c0af", "80", "eda080", "f4908080"}) {
            byte[] body = hex(bad);
            byte[] bytes = new CanonicalWriter().writeBytes(body).toByteArray();
            DecodingException e = assertThrows(DecodingException.class,
                    () -> new CanonicalReader(bytes).readString("tx.contract", 256), bad);
            assertEquals("tx.contract: invalid UTF-8 at offset 0", e.getMessage());
        }
    }

    @Test
    void aStringWithAnUnpairedSurrogateCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> new CanonicalWriter().writeString("a\uD800b"));
    }

    @Test
    void headerChecksVersionAndKind() {
        byte[] good = new CanonicalWriter().writeHeader(Kind.RECEIPT).toByteArray();
        new CanonicalReader(good).readHeader(Kind.RECEIPT, "receipt");

        DecodingException version = assertThrows(DecodingException.class,
                () -> new CanonicalReader(hex("02 05")).readHeader(Kind.RECEIPT, "receipt"));
        assertEquals("receipt.version: unknown format version 2 (this node reads version 1) at offset 0",
                version.getMessage());

        DecodingException unknown = assertThrows(DecodingException.class,
                () -> new CanonicalReader(hex("01 c8")).readHeader(Kind.RECEIPT, "receipt"));
        assertEquals("receipt.kind: unknown kind 200 at offset 1", unknown.getMessage());

        DecodingException other = assertThrows(DecodingException.class,
                () -> new CanonicalReader(hex("01 01")).readHeader(Kind.RECEIPT, "receipt"));
        assertEquals("receipt.kind: expected RECEIPT but found TRANSACTION at offset 1", other.getMessage());
    }

    @Test
    void nonNegativeReadsRefuseTheTopBit() {
        DecodingException e = assertThrows(DecodingException.class,
                () -> new CanonicalReader(hex("8000000000000000")).readNonNegativeU64("tx.nonce"));
        assertEquals("tx.nonce: value 9223372036854775808 exceeds 9223372036854775807 at offset 0", e.getMessage());
        DecodingException i = assertThrows(DecodingException.class,
                () -> new CanonicalReader(hex("80000000")).readIntU32("receipt.index"));
        assertEquals("receipt.index: value 2147483648 exceeds 2147483647 at offset 0", i.getMessage());
    }

    @Test
    void slicesReportAbsoluteOffsets() {
        CanonicalReader in = new CanonicalReader(hex("aa bb 01 02"));
        in.readU8("a");
        in.readU8("b");
        CanonicalReader slice = in.slice("inner", 1);
        assertEquals(1, in.remaining());
        slice.readU8("x");
        DecodingException e = assertThrows(DecodingException.class, () -> slice.readU8("inner.y"));
        assertEquals("inner.y: needs 1 byte(s) but 0 remain at offset 3", e.getMessage());
    }

    @Test
    void writerRefusesOutOfRangeValues() {
        CanonicalWriter out = new CanonicalWriter();
        assertThrows(IllegalArgumentException.class, () -> out.writeU8(256));
        assertThrows(IllegalArgumentException.class, () -> out.writeU32(-1));
        assertThrows(IllegalArgumentException.class, () -> out.writeU32(1L << 32));
    }

    @Test
    void writerGrowsPastItsInitialCapacity() {
        CanonicalWriter out = new CanonicalWriter(1);
        byte[] big = new byte[10_000];
        big[9_999] = 9;
        out.writeBytes(big);
        assertEquals(10_004, out.size());
        assertArrayEquals(big, new CanonicalReader(out.toByteArray()).readBytes("big", 10_000));
    }
}
