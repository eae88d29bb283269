package org.fogledger.ledger.contract.trace;

import static org.fogledger.ledger.contract.trace.TraceFixtures.flip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.junit.jupiter.api.Test;

/** The binary and JSON forms of a proof hold the same values, read back exactly, and refuse anything else. */
class AuditProofEncodingTest {
    private final AnchoredScenario s = AnchoredScenario.shared();

    @Test
    void theBinaryFormRoundTrips() {
        byte[] encoded = s.proof.encode();
        AuditProof decoded = AuditProof.decode(encoded);
        assertEquals(s.proof, decoded);
        assertArrayEquals(encoded, decoded.encode());
        assertEquals(1, encoded[0]);
        assertEquals(Kind.AUDIT_PROOF.code(), encoded[1]);
        assertTrue(s.verifier.verifyEncoded(encoded).valid());
    }

    @Test
    void theJsonFormRoundTripsAndVerifies() {
        byte[] json = s.proof.toJson();
        AuditProof read = AuditProof.fromJson(json);
        assertEquals(s.proof, read);
        assertArrayEquals(json, read.toJson());
        assertArrayEquals(s.proof.encode(), read.encode());
        AuditVerdict verdict = s.verifier.verifyJson(json);
        assertTrue(verdict.valid(), verdict.describe());
    }

    @Test
    void resultDataThatIsNotTextTravelsAsHex() {
        ExecutionRecord ex = s.proof.anchorExecution();
        ExecutionRecord binary = new ExecutionRecord(ex.index(), ex.origin(), ex.internal(), ex.address(),
                ex.command(), new ContractResult(true, ex.result().code(), new byte[] {(byte) 0xff, 0x00, 0x7b}),
                ex.eventsHash());
        AuditProof proof = AnchoredScenario.withExecution(s.proof, binary);
        String json = new String(proof.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"dataHex\":\"ff007b\""), json);
        assertFalse(json.contains("dataText"), json);
        assertEquals(proof, AuditProof.fromJson(proof.toJson()));
        assertEquals(AuditStep.ANCHOR_EXECUTION, ((AuditVerdict.Invalid) s.verifier.verify(proof)).step());
    }

    @Test
    void theJsonFormIsReadable() throws Exception {
        JsonNode json = ContractJson.mapper().readTree(s.proof.toJson());
        assertEquals(AuditProofJson.FORMAT, json.get("format").asText());
        assertEquals("access", json.get("record").get("kind").asText());
        assertEquals(2, json.get("record").get("sequence").asLong());
        assertEquals(s.batch.root().hex(), json.get("batchRoot").asText());
        assertEquals(3, json.get("recordProof").get("path").size());
        assertEquals("left", json.get("transactionPath").get(0).get("side").asText());
        assertEquals(6, json.get("headers").size());
        assertEquals(2, json.get("headers").get(0).get("height").asLong());
        JsonNode claiming = json.get("headers").get(3);
        assertEquals(5, claiming.get("height").asLong());
        assertEquals(3, claiming.get("executedHeight").asLong());
        assertEquals(s.chain.results(3).resultsHash().hex(), claiming.get("executedResultsHash").asText());
        JsonNode chain = json.get("resultsChain");
        assertEquals(s.chain.results(1).resultsHash().hex(), chain.get("previousResultsHash").asText());
        assertEquals(1, chain.get("laterRecordsRoots").size());
        assertEquals(s.chain.results(3).recordsRoot().hex(), chain.get("laterRecordsRoots").get(0).asText());
        assertEquals("anchored", json.get("anchorExecution").get("code").asText());
        assertTrue(json.get("anchorExecution").get("dataText").asText().startsWith("{\"blockTimeMillis\":"));
        assertEquals(3, json.get("certificates").get(0).get("signatures").size());
    }

    @Test
    void verdictsHaveAJsonForm() {
        AuditVerdict valid = s.verifier.verify(s.proof);
        assertEquals(valid, ContractJson.readTrusted(ContractJson.write(valid), AuditVerdict.class));
        assertTrue(ContractJson.writeString(valid).startsWith("{\"verdict\":\"valid\""), ContractJson.writeString(valid));
        AuditVerdict invalid = new AuditVerdict.Invalid(AuditStep.RECORD_IN_BATCH, "record not in batch: why");
        assertEquals("{\"verdict\":\"invalid\",\"reason\":\"record not in batch: why\",\"step\":\"record-in-batch\"}",
                ContractJson.writeString(invalid));
        assertEquals(invalid, ContractJson.readTrusted(ContractJson.write(invalid), AuditVerdict.class));
    }

    @Test
    void everyProperPrefixAndEveryTrailingByteIsRefused() {
        byte[] encoded = s.proof.encode();
        for (int cut = 0; cut < encoded.length; cut++) {
            byte[] prefix = Arrays.copyOf(encoded, cut);
            assertThrows(DecodingException.class, () -> AuditProof.decode(prefix), "prefix of " + cut);
        }
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        DecodingException e = assertThrows(DecodingException.class, () -> AuditProof.decode(longer));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        AuditVerdict.Invalid invalid = assertInstanceOf(AuditVerdict.Invalid.class, s.verifier.verifyEncoded(longer));
        assertEquals(AuditStep.PROOF_FORMAT, invalid.step());
    }

    @Test
    void otherKindsOfBytesAreNotAProof() {
        DecodingException e = assertThrows(DecodingException.class,
                () -> AuditProof.decode(s.proof.record().encode()));
        assertEquals("auditProof.kind: expected AUDIT_PROOF but found TRACE_RECORD at offset 1", e.getMessage());
        e = assertThrows(DecodingException.class, () -> AuditProof.decode(s.anchorTx.encode()));
        assertTrue(e.getMessage().contains("found TRANSACTION"), e.getMessage());
    }

    @Test
    void theTraceKindsAndDomainKeepTheBytesProofsWereMadeWith() {
        // Records were hashed and proofs encoded with these bytes before the codec named them.
        assertEquals(64, Kind.TRACE_RECORD.code());
        assertEquals(65, Kind.AUDIT_PROOF.code());
        assertArrayEquals("FOGLEDGER/v1/trace-record\0".getBytes(StandardCharsets.US_ASCII),
                Domain.TRACE_RECORD.prefix());
    }

    @Test
    void countsBeyondTheirBoundsAreRefusedBeforeAnythingIsRead() {
        byte[] encoded = s.proof.encode();
        // The results chain's count follows its previous results hash; it sits just before the roots.
        int rootsAt = indexOf(encoded, s.proof.resultsChain().laterRecordsRoots().get(0).bytes());
        byte[] tooManyRoots = encoded.clone();
        tooManyRoots[rootsAt - 2] = 1;
        DecodingException e = assertThrows(DecodingException.class, () -> AuditProof.decode(tooManyRoots));
        assertEquals("auditProof.resultsChain.laterRecordsRoots: length 257 exceeds limit 255 at offset "
                + (rootsAt - 4), e.getMessage());
        int headersAt = rootsAt + 32;
        byte[] tooManyHeaders = encoded.clone();
        tooManyHeaders[headersAt + 2] = 1;
        e = assertThrows(DecodingException.class, () -> AuditProof.decode(tooManyHeaders));
        assertEquals("auditProof.headers: length 262 exceeds limit 256 at offset " + headersAt, e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private ObjectNode jsonTree() throws Exception {
        return (ObjectNode) ContractJson.mapper().readTree(s.proof.toJson());
    }

    private AuditVerdict.Invalid readJson(JsonNode tree) throws Exception {
        byte[] json = ContractJson.mapper().writeValueAsBytes(tree);
        AuditVerdict.Invalid invalid = assertInstanceOf(AuditVerdict.Invalid.class, s.verifier.verifyJson(json));
        assertEquals(AuditStep.PROOF_FORMAT, invalid.step());
        return invalid;
    }

    @Test
    void malformedJsonIsRefusedNamingTheField() throws Exception {
        ObjectNode unknown = jsonTree();
        unknown.put("comment", "trust me");
        assertTrue(readJson(unknown).reason().contains("comment"), readJson(unknown).reason());

        ObjectNode missing = jsonTree();
        ((ObjectNode) missing.get("headers").get(1)).remove("round");
        assertEquals("audit proof: field 'headers[1].round' is missing", readJson(missing).reason());
        ObjectNode noClaim = jsonTree();
        ((ObjectNode) noClaim.get("headers").get(2)).remove("executedResultsHash");
        assertEquals("audit proof: field 'headers[2].executedResultsHash' is missing", readJson(noClaim).reason());
        ObjectNode noChain = jsonTree();
        ((ObjectNode) noChain.get("resultsChain")).remove("previousResultsHash");
        assertEquals("audit proof: field 'resultsChain.previousResultsHash' is missing", readJson(noChain).reason());
        ObjectNode nullRoot = jsonTree();
        ((ArrayNode) nullRoot.get("resultsChain").get("laterRecordsRoots")).addNull();
        assertEquals("audit proof: field 'resultsChain.laterRecordsRoots[1]' is missing",
                readJson(nullRoot).reason());
        ObjectNode futureClaim = jsonTree();
        ((ObjectNode) futureClaim.get("headers").get(0)).put("executedHeight", 2);
        assertTrue(readJson(futureClaim).reason().startsWith("audit proof: field 'headers[0]': block 2 cannot claim"
                + " results of block 2"), readJson(futureClaim).reason());

        ObjectNode badHash = jsonTree();
        badHash.put("batchRoot", "abc");
        assertTrue(readJson(badHash).reason().contains("field 'batchRoot': expected a hash as 64 hex digits"),
                readJson(badHash).reason());

        ObjectNode both = jsonTree();
        ((ObjectNode) both.get("anchorExecution")).put("dataHex", "00");
        assertEquals("audit proof: field 'anchorExecution.dataText' or 'anchorExecution.dataHex': give exactly one",
                readJson(both).reason());

        ObjectNode textAsHex = jsonTree();
        ObjectNode execution = (ObjectNode) textAsHex.get("anchorExecution");
        execution.put("dataHex", "7b7d");
        execution.remove("dataText");
        assertTrue(readJson(textAsHex).reason().contains("holds UTF-8 text"), readJson(textAsHex).reason());

        ObjectNode format = jsonTree();
        format.put("format", "something-else");
        assertTrue(readJson(format).reason().startsWith("audit proof: field 'format' must be"));

        ObjectNode badTx = jsonTree();
        badTx.put("anchorTransaction", "0101");
        assertTrue(readJson(badTx).reason().startsWith("audit proof: field 'anchorTransaction': "),
                readJson(badTx).reason());

        ObjectNode unsorted = jsonTree();
        ArrayNode votes = (ArrayNode) unsorted.get("certificates").get(0).get("signatures");
        JsonNode first = votes.remove(0);
        votes.add(first);
        assertTrue(readJson(unsorted).reason().contains("must be in ascending order of signer key"),
                readJson(unsorted).reason());

        AuditVerdict.Invalid notJson = assertInstanceOf(AuditVerdict.Invalid.class,
                s.verifier.verifyJson("{".getBytes(StandardCharsets.UTF_8)));
        assertEquals(AuditStep.PROOF_FORMAT, notJson.step());
    }

    @Test
    void aChangedValueInTheJsonFormFailsAtItsStep() throws Exception {
        ObjectNode tree = jsonTree();
        ((ObjectNode) tree.get("record")).put("purpose", "marketing");
        AuditVerdict.Invalid invalid = assertInstanceOf(AuditVerdict.Invalid.class,
                s.verifier.verifyJson(ContractJson.mapper().writeValueAsBytes(tree)));
        assertEquals(AuditStep.RECORD_IN_BATCH, invalid.step());

        tree = jsonTree();
        ((ObjectNode) tree.get("resultsChain")).put("previousResultsHash", s.chain.results(2).resultsHash().hex());
        invalid = assertInstanceOf(AuditVerdict.Invalid.class,
                s.verifier.verifyJson(ContractJson.mapper().writeValueAsBytes(tree)));
        assertEquals(AuditStep.ANCHOR_EXECUTION, invalid.step());
    }
}
