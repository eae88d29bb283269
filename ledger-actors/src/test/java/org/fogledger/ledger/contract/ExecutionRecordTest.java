package org.fogledger.ledger.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.junit.jupiter.api.Test;

/** An execution record decodes back to itself, and only its own encoding does. */
class ExecutionRecordTest {
    private static final ExecutionRecord ACCEPTED = new ExecutionRecord(3, ChainFixtures.hashOf("tx"), false,
            "trace/gw-7", "anchor", ContractResult.ok("anchored", "{\"count\":5}".getBytes(StandardCharsets.UTF_8)),
            ChainFixtures.hashOf("events"));
    private static final ExecutionRecord REFUSED_INTERNAL = new ExecutionRecord(0, ChainFixtures.hashOf("tx 2"), true,
            "not an address", "", ContractResult.failed("internal-call", "no relays"), ChainFixtures.hashOf("none"));
    private static final ExecutionRecord BINARY = new ExecutionRecord(Integer.MAX_VALUE, ChainFixtures.hashOf("tx 3"),
            false, "registry/dev-1", "register", new ContractResult(true, "ok", new byte[] {(byte) 0xff, 0, 1}),
            ChainFixtures.hashOf("events 3"));

    @Test
    void decodingGivesBackTheRecordAndItsHash() {
        for (ExecutionRecord record : List.of(ACCEPTED, REFUSED_INTERNAL, BINARY)) {
            byte[] encoded = record.encode();
            ExecutionRecord decoded = ExecutionRecord.decode(encoded, CodecLimits.DEFAULT);
            assertEquals(record, decoded);
            assertArrayEquals(encoded, decoded.encode());
            assertEquals(record.hash(), decoded.hash());
        }
    }

    @Test
    void everyPrefixAndATrailingByteAreRefused() {
        byte[] encoded = ACCEPTED.encode();
        for (int cut = 0; cut < encoded.length; cut++) {
            byte[] prefix = Arrays.copyOf(encoded, cut);
            assertThrows(DecodingException.class, () -> ExecutionRecord.decode(prefix, CodecLimits.DEFAULT));
        }
        DecodingException e = assertThrows(DecodingException.class, () -> ExecutionRecord.decode(
                Arrays.copyOf(encoded, encoded.length + 1), CodecLimits.DEFAULT));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void flagsOtherThanZeroOrOneAreRefusedByName() {
        byte[] encoded = ACCEPTED.encode();
        // 01 0d | index:4 | origin:32 | internal at offset 38
        byte[] internal = encoded.clone();
        internal[38] = 2;
        DecodingException e = assertThrows(DecodingException.class,
                () -> ExecutionRecord.decode(internal, CodecLimits.DEFAULT));
        assertEquals("executionRecord.internal: flag must be 0 or 1, got 2 at offset 38", e.getMessage());
    }

    @Test
    void dataBeyondThePayloadLimitIsRefusedBeforeItIsRead() {
        CodecLimits small = new CodecLimits(1024, 8, 8 * 1024, 10, 16, 256);
        DecodingException e = assertThrows(DecodingException.class,
                () -> ExecutionRecord.decode(ACCEPTED.encode(), small));
        assertTrue(e.getMessage().startsWith("executionRecord.data"), e.getMessage());
    }

    @Test
    void anotherKindOfBytesIsNotARecord() {
        byte[] header = ChainFixtures.hashOf("x").bytes();
        DecodingException e = assertThrows(DecodingException.class,
                () -> ExecutionRecord.decode(header, CodecLimits.DEFAULT));
        assertTrue(e.getMessage().startsWith("executionRecord."), e.getMessage());
    }
}
