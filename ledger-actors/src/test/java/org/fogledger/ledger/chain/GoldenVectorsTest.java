package org.fogledger.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.testing.GoldenHexFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins the bytes that are hashed, signed and stored. Each file in {@code src/test/resources/golden/} holds the
 * encoding of one fixed value built from fixed keys (Ed25519 signing is deterministic). If an encoding, a domain
 * prefix or a hash changes, this test fails: such bytes must not change within format version 1, because stored
 * blocks, receipts and signatures would no longer verify.
 *
 * <p>A deliberate change (a new format version) rewrites the files with {@code -Dgolden.regenerate=true}; the
 * rewritten files are then reviewed and committed like code.
 */
class GoldenVectorsTest {
    private static final String REGENERATE_PROPERTY = "golden.regenerate";
    private static final String HOW_TO_REGENERATE = "mvn -B -pl ledger-actors test -Dtest=GoldenVectorsTest -D"
            + REGENERATE_PROPERTY + "=true";
    private static final Path DIR = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden");
    private static final String GOLDEN_CHAIN = "fogledger-golden";

    /** One golden value: its file, a description, its bytes, and (for encodings) the decoder that must read it. */
    private record Vector(String file, String description, byte[] bytes, Function<byte[], byte[]> reencode) {
    }

    private static List<Vector> vectors() {
        Transaction tx = Transaction.sign(ChainFixtures.key(0), GOLDEN_CHAIN, 42, "registry", "register",
                "device-0001 \u2713".getBytes(StandardCharsets.UTF_8));
        List<Transaction> txs = List.of(tx,
                Transaction.sign(ChainFixtures.key(1), GOLDEN_CHAIN, 0, "consent", "grant", new byte[] {1, 2, 3}),
                Transaction.sign(ChainFixtures.key(2), GOLDEN_CHAIN, 7, "traceability", "anchor", new byte[0]));
        Block block = Block.create(7, 9, ChainFixtures.hashOf("parent"), new ExecutedResults(6, ChainFixtures.hashOf("results-6")),
                ChainFixtures.key(3).publicKey(), 1_700_000_000_123L, txs);
        Block genesis = Block.genesis(GOLDEN_CHAIN);
        QuorumCertificate qc = ChainFixtures.certificate(block, 3);
        Receipt receipt = new Receipt(tx.hash(), 7, 0, ReceiptStatus.FAILED, "nonce.reused",
                "expected nonce 43".getBytes(StandardCharsets.UTF_8));
        StoredEvent event = new StoredEvent("DeviceRegistered", 1, "{\"device\":\"0001\"}".getBytes(
                StandardCharsets.UTF_8));
        List<Hash> leaves = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            leaves.add(ChainFixtures.hashOf("leaf-" + i));
        }
        CodecLimits limits = CodecLimits.DEFAULT;
        return List.of(
                new Vector("transaction-v1.hex", "a signed Ed25519 transaction", tx.encode(),
                        b -> Transaction.decode(b, limits).encode()),
                new Vector("transaction-hash-v1.hex", "SHA-256(TRANSACTION prefix || transaction-v1)",
                        tx.hash().bytes(), null),
                new Vector("transaction-signing-bytes-v1.hex", "what the sender of transaction-v1 signed",
                        tx.signingBytes(), null),
                new Vector("block-header-v1.hex", "the header of block-v1", block.header().encode(),
                        b -> BlockHeader.decode(b).encode()),
                new Vector("block-v1.hex", "a block of three transactions", block.encode(),
                        b -> Block.decode(b, limits).encode()),
                new Vector("block-hash-v1.hex", "SHA-256(BLOCK_HEADER prefix || block-header-v1)",
                        block.hash().bytes(), null),
                new Vector("genesis-block-v1.hex", "Block.genesis(\"" + GOLDEN_CHAIN + "\")", genesis.encode(),
                        b -> Block.decode(b, limits).encode()),
                new Vector("genesis-block-hash-v1.hex", "the hash of genesis-block-v1", genesis.hash().bytes(), null),
                new Vector("vote-signing-bytes-v1.hex", "what a validator signs to vote for block-v1",
                        QuorumCertificate.voteSigningBytes(block.hash(), block.round(), block.height()), null),
                new Vector("quorum-certificate-v1.hex", "3 of 4 validators' votes for block-v1", qc.encode(),
                        b -> QuorumCertificate.decode(b, limits).encode()),
                new Vector("validator-set-v1.hex", "four Ed25519 validators", ChainFixtures.validators(4).encode(),
                        b -> ValidatorSet.decode(b, limits).encode()),
                new Vector("receipt-v1.hex", "a failed transaction's receipt", receipt.encode(),
                        b -> Receipt.decode(b, limits).encode()),
                new Vector("stored-event-v1.hex", "a contract event envelope", event.encode(),
                        b -> StoredEvent.decode(b, limits).encode()),
                new Vector("merkle-root-v1.hex", "the RFC 6962 root of seven leaves", MerkleTree.root(leaves).bytes(),
                        null),
                new Vector("merkle-proof-v1.hex", "the inclusion proof of leaf 5 of seven",
                        MerkleTree.proof(leaves, 5).encode(), b -> MerkleProof.decode(b).encode()));
    }

    @TestFactory
    Stream<DynamicTest> encodingsAreTheCommittedBytes() {
        boolean regenerate = Boolean.getBoolean(REGENERATE_PROPERTY);
        return vectors().stream().map(v -> DynamicTest.dynamicTest(v.file(), () -> {
            Path path = DIR.resolve(v.file());
            if (regenerate) {
                write(path, v);
                return;
            }
            if (!Files.exists(path)) {
                fail("golden vector " + path + " is missing. Create it deliberately with: " + HOW_TO_REGENERATE);
            }
            byte[] committed = read(path);
            if (!java.util.Arrays.equals(committed, v.bytes())) {
                fail(changedMessage(v, committed));
            }
        }));
    }

    /** The committed bytes still decode, and re-encode to themselves: old stored data stays readable. */
    @TestFactory
    Stream<DynamicTest> committedBytesDecode() {
        return vectors().stream().filter(v -> v.reencode() != null).map(v -> DynamicTest.dynamicTest(v.file(), () -> {
            Path path = DIR.resolve(v.file());
            assertTrue(Files.exists(path) || Boolean.getBoolean(REGENERATE_PROPERTY), "missing " + path);
            if (Files.exists(path)) {
                byte[] committed = read(path);
                assertArrayEquals(committed, v.reencode().apply(committed), v.file() + " no longer round-trips");
            }
        }));
    }

    private static String changedMessage(Vector v, byte[] committed) {
        int first = java.util.Arrays.mismatch(committed, v.bytes());
        return "golden vector " + v.file() + " (" + v.description() + "): the canonical encoding changed. Committed "
                + committed.length + " bytes, now " + v.bytes().length + " bytes, first difference at byte " + first
                + ".\nBytes that are hashed, signed or stored must not change within format version 1 (stored "
                + "blocks and signatures would stop verifying): fix the change, or introduce a new format version."
                + "\nIf the change is deliberate, regenerate with `" + HOW_TO_REGENERATE + "`, review the diff of "
                + "ledger-actors/src/test/resources/golden/ and commit it.";
    }

    private static byte[] read(Path path) {
        return GoldenHexFile.read(path);
    }

    private static void write(Path path, Vector v) {
        GoldenHexFile.write(path, "FogLedger golden vector, format version 1: " + v.description(),
                "GoldenVectorsTest", REGENERATE_PROPERTY, v.bytes());
    }
}
