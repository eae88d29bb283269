package org.fogledger.ledger.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSignature;
import org.fogledger.ledger.consensus.BlockRequest;
import org.fogledger.ledger.consensus.BlockResponse;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.ConsensusSigning;
import org.fogledger.ledger.consensus.Proposal;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.consensus.Timeout;
import org.fogledger.ledger.consensus.TimeoutCertificate;
import org.fogledger.ledger.consensus.TimeoutSignature;
import org.fogledger.ledger.consensus.Vote;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.util.Try;

/**
 * What validators send each other, through Pekko's real serialization with the config a node loads: every consensus
 * message round-trips with real signatures, nulls survive (the replica, not the wire, refuses them), and the chain
 * types inside go through the canonical decoder and its limits, which come from {@code fogledger.codec}.
 */
class ConsensusWireTest {
    /** Far below the default (60 KiB), so a refusal proves the serializer reads the node's config. */
    private static final int MAX_PAYLOAD = 1024;

    private static final Config CONFIG = ConfigFactory.parseString("""
            fogledger.codec.max-payload-bytes = %d
            fogledger.serialization.kryo.registrars.test = "org.fogledger.ledger.wire.WireTestRegistrar"
            """.formatted(MAX_PAYLOAD)).withFallback(ConfigFactory.load());

    private static ActorTestKit testKit;
    private static Serialization serialization;
    private static SerializationTestKit serializationTestKit;

    private static final Block GENESIS = Block.genesis(ChainFixtures.CHAIN_ID);
    private static final QuorumCertificate GENESIS_QC = QuorumCertificate.genesis(GENESIS);
    private static final Block BLOCK_1 = ChainFixtures.block(3);
    private static final QuorumCertificate QC_1 = ChainFixtures.certificate(BLOCK_1, 3);
    private static final Block BLOCK_2 = Block.create(2, 2, BLOCK_1.hash(), new ExecutedResults(1, ChainFixtures.hashOf("results-1")),
            ChainFixtures.key(2).publicKey(), 1_700_000_001_000L,
            List.of(ChainFixtures.transaction(0, 10), ChainFixtures.transaction(1, 11)));

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create(CONFIG);
        serialization = SerializationExtension.get(testKit.system());
        serializationTestKit = new SerializationTestKit(testKit.system());
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    // --- round trips -------------------------------------------------------------------------------------

    @Test
    void everyConsensusMessageRoundTripsWithRealSignatures() {
        Proposal proposal = proposal(BLOCK_2, QC_1, null);
        TimeoutCertificate tc = timeoutCertificate(2, 1, 3);
        Block block3 = Block.create(2, 3, BLOCK_1.hash(), new ExecutedResults(1, ChainFixtures.hashOf("results-1")),
                ChainFixtures.key(3).publicKey(), 1_700_000_002_000L, List.of());
        Proposal afterTimeout = proposal(block3, QC_1, tc);
        KeyPair voter = ChainFixtures.key(0);
        Vote vote = new Vote(BLOCK_2.hash(), 2, 2, voter.publicKey(),
                voter.sign(ConsensusSigning.vote(BLOCK_2.hash(), 2, 2)));
        KeyPair mlDsa = ChainFixtures.mlDsaKey();
        Vote mlDsaVote = new Vote(BLOCK_2.hash(), 2, 2, mlDsa.publicKey(),
                mlDsa.sign(ConsensusSigning.vote(BLOCK_2.hash(), 2, 2)));
        Timeout timeout = new Timeout(2, QC_1, voter.publicKey(), voter.sign(ConsensusSigning.timeout(2, 1)));
        BlockRequest request = new BlockRequest(BLOCK_2.hash());
        BlockResponse response = new BlockResponse(List.of(new ChainedBlock(BLOCK_1, GENESIS_QC),
                new ChainedBlock(BLOCK_2, QC_1)));

        for (Object message : List.of(proposal, afterTimeout, vote, mlDsaVote, timeout, request, response)) {
            assertEquals(KryoSerializer.IDENTIFIER, serialization.findSerializerFor(message).identifier(),
                    message.getClass() + " is bound to the Kryo serializer");
            Object back = serializationTestKit.verifySerialization(message, true);
            assertEquals(message.toString(), back.toString());
        }
        Proposal back = serializationTestKit.verifySerialization(afterTimeout, true);
        assertEquals(tc, back.lastRoundTc());
        assertEquals(block3.hash(), back.block().hash(), "the block id survives the trip");
    }

    @Test
    void valuesInsideMessagesRoundTrip() {
        KeyPair mlDsa = ChainFixtures.mlDsaKey();
        QuorumCertificate mixed = new QuorumCertificate(BLOCK_1.hash(), 1, 1, List.of(
                QC_1.signatures().get(0),
                QuorumCertificate.signVote(mlDsa, BLOCK_1.hash(), 1, 1)));
        List<Object> values = List.of(
                BLOCK_1, GENESIS, QC_1, GENESIS_QC, mixed, ChainFixtures.transaction(2, 5),
                QC_1.signatures().get(1),
                new ChainedBlock(BLOCK_2, QC_1),
                new CommittedBlock(BLOCK_1, QC_1),
                new SafetyState(7, GENESIS_QC, QC_1),
                timeoutCertificate(4, 1, 3),
                new TimeoutSignature(mlDsa.publicKey(), 3, mlDsa.sign(ConsensusSigning.timeout(4, 3))));
        for (Object value : values) {
            SampleMessages.Holder back = serializationTestKit.verifySerialization(new SampleMessages.Holder(value), true);
            assertEquals(value.getClass(), back.item().getClass());
        }
    }

    @Test
    void proofMaterialRoundTripsWithItsHeadersAndResults() {
        org.fogledger.ledger.contract.ExecutionRecord record = new org.fogledger.ledger.contract.ExecutionRecord(0,
                BLOCK_1.transactions().isEmpty() ? ChainFixtures.hashOf("tx") : BLOCK_1.transactions().get(0).hash(),
                false, "trace/gw-1", "anchor", new org.fogledger.ledger.contract.ContractResult(true, "anchored",
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), ChainFixtures.hashOf("events"));
        org.fogledger.ledger.contract.BlockResults results = org.fogledger.ledger.contract.BlockResults.of(1, 1,
                List.of(record), ChainFixtures.hashOf("results-0"));
        var material = new org.fogledger.ledger.validator.ProofMaterialAnswer.ProofMaterial(BLOCK_1, List.of(results),
                List.of(org.fogledger.ledger.contract.trace.CertifiedHeader.of(new CommittedBlock(BLOCK_1, QC_1))), 9);
        var back = serializationTestKit.verifySerialization(material, true);
        assertEquals(results, back.results().get(0));
        assertEquals(material.chain(), back.chain());
        assertEquals(BLOCK_1.hash(), back.anchorBlock().hash());
        var refused = new org.fogledger.ledger.validator.ProofMaterialAnswer.Refused(5, "not-executed", "why");
        assertEquals(refused, serializationTestKit.verifySerialization(refused, true));
    }

    @Test
    void nullComponentsRoundTripAsNullsForTheReplicaToRefuse() {
        ChainedBlock chained = new ChainedBlock(BLOCK_1, GENESIS_QC);
        List<Object> messages = List.of(
                proposal(BLOCK_2, QC_1, null),
                new Proposal(null, null, null, null),
                new Proposal(BLOCK_2, null, null, null),
                new Vote(null, 0, 0, null, null),
                new Timeout(3, null, null, null),
                new BlockRequest(null),
                new BlockResponse(null),
                new BlockResponse(Arrays.asList(null, chained, null)));
        for (Object message : messages) {
            serializationTestKit.verifySerialization(message, true);
        }
        BlockResponse response = serializationTestKit.verifySerialization(
                new BlockResponse(Arrays.asList(chained, null)), true);
        assertNull(response.blocks().get(1));
        assertNull(serializationTestKit.verifySerialization(new Proposal(BLOCK_2, QC_1, null, null), true)
                .lastRoundTc());

        for (Object value : List.of(new ChainedBlock(null, null), new CommittedBlock(null, QC_1),
                new SafetyState(0, null, null), new TimeoutSignature(null, 0, null))) {
            serializationTestKit.verifySerialization(new SampleMessages.Holder(value), true);
        }
    }

    // --- refusals ----------------------------------------------------------------------------------------

    @Test
    void aProposalWhoseBlockBytesAreCorruptIsRefusedNamingTheType() {
        byte[] bytes = serialize(proposal(BLOCK_2, QC_1, null));
        int block = indexOf(bytes, BLOCK_2.encode());
        assertTrue(block > 0, "the block travels in its canonical encoding");

        byte[] wrongKind = bytes.clone();
        wrongKind[block + 1] = (byte) 0xee; // the kind byte after the version byte
        assertRefused(wrongKind, Block.class.getName(), "block.kind: unknown kind 238");

        byte[] wrongVersion = bytes.clone();
        wrongVersion[block] = 2;
        assertRefused(wrongVersion, Block.class.getName(), "block.version: unknown format version 2");

        // The first transaction's kind byte, deep inside the block.
        int tx = indexOf(bytes, BLOCK_2.transactions().get(0).encode());
        byte[] badTransaction = bytes.clone();
        badTransaction[tx + 1] = (byte) 0xee;
        assertRefused(badTransaction, Block.class.getName(), "block.transactions[0].kind: unknown kind 238");

        // A transaction count far beyond the bytes: refused before a list is sized for it.
        int count = block + BLOCK_2.header().encode().length + 2;
        byte[] hugeCount = bytes.clone();
        Arrays.fill(hugeCount, count, count + 4, (byte) 0);
        hugeCount[count + 2] = 0x27; // 9984 transactions
        assertRefused(hugeCount, Block.class.getName(), "block.transactions: length 9984 needs at least");
    }

    @Test
    void aCorruptCertificateIsRefusedNamingTheType() {
        byte[] bytes = serialize(new Timeout(2, QC_1, ChainFixtures.key(0).publicKey(),
                ChainFixtures.key(0).sign(ConsensusSigning.timeout(2, 1))));
        int qc = indexOf(bytes, QC_1.encode());
        assertTrue(qc > 0);
        bytes[qc + 1] = 3; // kind BLOCK
        assertRefused(bytes, QuorumCertificate.class.getName(),
                "quorumCertificate.kind: expected QUORUM_CERTIFICATE but found BLOCK");
    }

    @Test
    void anOversizedTransactionPayloadIsRefusedWithTheConfiguredLimit() {
        Transaction big = Transaction.sign(ChainFixtures.key(0), ChainFixtures.CHAIN_ID, 1, "registry", "register",
                new byte[MAX_PAYLOAD + 1]);
        Block block = Block.create(2, 2, BLOCK_1.hash(), new ExecutedResults(1, ChainFixtures.hashOf("results-1")),
                ChainFixtures.key(2).publicKey(), 1_700_000_001_000L, List.of(big));

        assertRefused(serialize(proposal(block, QC_1, null)), Block.class.getName(),
                "block.transactions[0].payload: length " + (MAX_PAYLOAD + 1) + " exceeds limit " + MAX_PAYLOAD);
        assertRefused(serialize(new SampleMessages.Holder(big)), Transaction.class.getName(),
                "transaction.payload: length " + (MAX_PAYLOAD + 1) + " exceeds limit " + MAX_PAYLOAD);

        // Just within the limit still travels.
        Transaction fits = Transaction.sign(ChainFixtures.key(0), ChainFixtures.CHAIN_ID, 1, "registry", "register",
                new byte[MAX_PAYLOAD]);
        serializationTestKit.verifySerialization(new SampleMessages.Holder(fits), true);
    }

    @Test
    void forgedEncodingLengthsAreRefusedBeforeAllocating() {
        Output overLimit = new Output(64, -1);
        overLimit.writeVarInt(8004 + 2, true); // Holder(Object item)
        overLimit.writeVarInt(301 + 2, true); // item: a Block
        overLimit.writeVarInt(1_000_000_000, true); // a gigabyte, in a 9-byte message
        assertRefused(overLimit.toBytes(), Block.class.getName(), "encoding claims 1000000000 bytes, limit 8388608");

        Output overInput = new Output(64, -1);
        overInput.writeVarInt(8004 + 2, true);
        overInput.writeVarInt(300 + 2, true); // item: a Transaction
        overInput.writeVarInt(60_000, true); // within the limit, but only two bytes follow
        overInput.writeBytes(new byte[] {1, 1});
        assertRefused(overInput.toBytes(), Transaction.class.getName(), "encoding claims 60000 bytes but only 2 remain");
    }

    @Test
    void idsAreTheWireFormat() {
        // Pinned: a released id never changes meaning. Chain 300-699, consensus 700-1099.
        Map<Class<?>, Integer> expected = new LinkedHashMap<>();
        expected.put(WireCollectionSerializers.UNMODIFIABLE_RANDOM_ACCESS_LIST, 109);
        expected.put(Transaction.class, 300);
        expected.put(Block.class, 301);
        expected.put(QuorumCertificate.class, 302);
        expected.put(ValidatorSignature.class, 303);
        expected.put(Proposal.class, 700);
        expected.put(Vote.class, 701);
        expected.put(Timeout.class, 702);
        expected.put(TimeoutCertificate.class, 703);
        expected.put(TimeoutSignature.class, 704);
        expected.put(BlockRequest.class, 705);
        expected.put(BlockResponse.class, 706);
        expected.put(ChainedBlock.class, 707);
        expected.put(CommittedBlock.class, 708);
        expected.put(SafetyState.class, 709);

        Map<Class<?>, Integer> actual = new LinkedHashMap<>();
        for (KryoRegistry.Entry entry : new KryoRegistry().include(KryoIdRange.LEDGER_ACTORS,
                new LedgerKryoRegistrar()).entries()) {
            if (expected.containsKey(entry.type())) {
                actual.put(entry.type(), entry.id());
            }
        }
        assertEquals(expected, actual);

        byte[] bytes = serialize(new BlockRequest(BLOCK_1.hash()));
        assertEquals(705 + 2, new com.esotericsoftware.kryo.io.Input(bytes).readVarInt(true));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static Proposal proposal(Block block, QuorumCertificate justify, TimeoutCertificate tc) {
        KeyPair leader = ChainFixtures.key((int) (block.round() % 4));
        return new Proposal(block, justify, tc, leader.sign(ConsensusSigning.proposal(block.hash(), block.round())));
    }

    private static TimeoutCertificate timeoutCertificate(long round, long highQcRound, int signers) {
        List<TimeoutSignature> signatures = new java.util.ArrayList<>();
        for (int i = 0; i < signers; i++) {
            KeyPair key = ChainFixtures.key(i);
            signatures.add(new TimeoutSignature(key.publicKey(), highQcRound,
                    key.sign(ConsensusSigning.timeout(round, highQcRound))));
        }
        return new TimeoutCertificate(round, signatures);
    }

    private static byte[] serialize(Object message) {
        return serialization.serialize(message).get();
    }

    private static void assertRefused(byte[] bytes, String type, String expected) {
        Try<Object> attempt = serialization.deserialize(bytes, KryoSerializer.IDENTIFIER, "");
        assertTrue(attempt.isFailure(), () -> "accepted: " + attempt.get());
        Throwable failure = attempt.failed().get();
        assertInstanceOf(WireSerializationException.class, failure);
        assertTrue(failure.getMessage().contains("refusing " + type), failure.getMessage());
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
