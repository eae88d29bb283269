package org.fogledger.ledger.contract.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Sha256;
import org.junit.jupiter.api.Test;

class TraceRecordTest {
    private final PublicKey actor = ChainFixtures.key(5).publicKey();
    private final PublicKey recipient = ChainFixtures.key(7).publicKey();
    private final Hash content = TraceFixtures.hash("reading");
    private final DataReference data = new DataReference("dev-42", "heart-rate", content);

    private TraceRecord share() {
        return new TraceRecord(TraceKind.SHARE, data, actor, recipient, "treatment", "consent-9", "gw-7", 12, 1_000);
    }

    private static void u32(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u32(out, utf8.length);
        out.writeBytes(utf8);
    }

    @Test
    void theEncodingIsTheDocumentedLayout() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(1);
        expected.write(64);
        expected.write(TraceKind.SHARE.code());
        string(expected, "dev-42");
        string(expected, "heart-rate");
        expected.writeBytes(content.bytes());
        expected.writeBytes(actor.encoded());
        expected.write(1);
        expected.writeBytes(recipient.encoded());
        string(expected, "treatment");
        expected.write(1);
        string(expected, "consent-9");
        string(expected, "gw-7");
        expected.writeBytes(ByteBuffer.allocate(16).putLong(12).putLong(1_000).array());
        assertArrayEquals(expected.toByteArray(), share().encode());
        byte[] prefix = "FOGLEDGER/v1/trace-record\0".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Sha256.hash(prefix, expected.toByteArray()), share().leafHash());
    }

    @Test
    void recordsRoundTripThroughBothForms() {
        TraceRecord collect = new TraceRecord(TraceKind.COLLECT, data, actor, null, "monitoring", null, "gw-7", 0, 0);
        for (TraceRecord record : new TraceRecord[] {share(), collect}) {
            assertEquals(record, TraceRecord.decode(record.encode()));
            assertEquals(record, ContractJson.read(ContractJson.write(record), TraceRecord.class, "record"));
        }
        assertEquals("{\"actor\":\"" + ContractJson.hex(actor) + "\",\"data\":{\"contentHash\":\"" + content.hex()
                + "\",\"dataClass\":\"heart-rate\",\"deviceId\":\"dev-42\"},\"kind\":\"collect\",\"purpose\":"
                + "\"monitoring\",\"sequence\":0,\"streamId\":\"gw-7\",\"timeMillis\":0}", ContractJson.writeString(collect));
    }

    @Test
    void aShareNamesItsRecipientAndNothingElseDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TraceRecord(
                TraceKind.SHARE, data, actor, null, "treatment", null, "gw-7", 0, 0));
        assertEquals("a share record must name its recipient", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TraceRecord(
                TraceKind.ACCESS, data, actor, recipient, "treatment", null, "gw-7", 0, 0));
        assertEquals("only a share record has a recipient, this is a ACCESS record", e.getMessage());
    }

    @Test
    void fieldsOutsideTheirRulesAreRefusedByName() {
        assertEquals("purpose must not be empty", assertThrows(IllegalArgumentException.class, () ->
                new TraceRecord(TraceKind.STORE, data, actor, null, "", null, "gw-7", 0, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TraceRecord(TraceKind.STORE, data, actor,
                null, "x", null, "gw 7", 0, 0)).getMessage().startsWith("streamId: instance key 'gw 7' must be"));
        assertEquals("sequence must be >= 0, got -1", assertThrows(IllegalArgumentException.class, () ->
                new TraceRecord(TraceKind.STORE, data, actor, null, "x", null, "gw-7", -1, 0)).getMessage());
        assertEquals("deviceId is 129 bytes of UTF-8, the limit is 128", assertThrows(IllegalArgumentException.class,
                () -> new DataReference("d".repeat(129), "c", content)).getMessage());
        assertEquals("dataClass is not valid Unicode (unpaired surrogate)", assertThrows(
                IllegalArgumentException.class, () -> new DataReference("d", "\uD800", content)).getMessage());
    }

    @Test
    void decodingIsStrictAndNamesTheField() {
        byte[] bytes = share().encode();
        byte[] kind = bytes.clone();
        kind[2] = 9;
        assertEquals("traceRecord.kind: unknown trace kind 9 at offset 2",
                assertThrows(DecodingException.class, () -> TraceRecord.decode(kind)).getMessage());
        byte[] version = bytes.clone();
        version[0] = 2;
        assertTrue(assertThrows(DecodingException.class, () -> TraceRecord.decode(version)).getMessage()
                .startsWith("traceRecord.version: unknown format version 2"));
        int flagAt = 3 + 4 + 6 + 4 + 10 + 32 + 33;
        byte[] flag = bytes.clone();
        flag[flagAt] = 2;
        assertEquals("traceRecord.hasRecipient: flag must be 0 or 1, got 2 at offset " + flagAt,
                assertThrows(DecodingException.class, () -> TraceRecord.decode(flag)).getMessage());
        byte[] noRecipient = bytes.clone();
        // A share whose recipient flag says "none": well-formed bytes, but not a record.
        noRecipient[flagAt] = 0;
        assertThrows(DecodingException.class, () -> TraceRecord.decode(noRecipient));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertTrue(assertThrows(DecodingException.class, () -> TraceRecord.decode(longer)).getMessage()
                .contains("trailing"));
    }

    @Test
    void theJsonFormIsReadStrictly() {
        String json = ContractJson.writeString(share());
        ContractRefusal unknownKind = assertThrows(ContractRefusal.class, () -> ContractJson.read(
                json.replace("\"share\"", "\"sell\"").getBytes(StandardCharsets.UTF_8), TraceRecord.class, "record"));
        assertTrue(unknownKind.getMessage().contains("field 'kind'"), unknownKind.getMessage());
        ContractRefusal extra = assertThrows(ContractRefusal.class, () -> ContractJson.read(
                json.replace("{\"actor\"", "{\"note\":1,\"actor\"").getBytes(StandardCharsets.UTF_8),
                TraceRecord.class, "record"));
        assertTrue(extra.getMessage().contains("note"), extra.getMessage());
    }
}
