package org.fogledger.ledger.chain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * A header and its transactions. The block's identity is its header's hash; the header commits to the
 * transactions through {@code transactionsRoot}, the RFC 6962 Merkle root of the transaction hashes.
 *
 * <p>Encoding (version 1): {@code 01 | kind BLOCK | header | count:u32 | count x (length:u32 | transaction)}.
 * Each transaction is length-prefixed so its size limit is checked before it is read.
 *
 * <p>Decoding checks structure and limits, not that the transactions match the root: a validator calls
 * {@link #transactionsMatchRoot()} so that it can tell a malformed block from a dishonest one.
 */
public final class Block {
    /**
     * The genesis block's proposer: the all-zero Ed25519 key. It encodes a point of order 4, outside the prime-order
     * group every real key lies in, so no private key produces it and it can never sign anything.
     */
    public static final PublicKey GENESIS_PROPOSER =
            PublicKey.of(SignatureScheme.ED25519, new byte[SignatureScheme.ED25519.publicKeyLength()]);

    private final BlockHeader header;
    private final List<Transaction> transactions;
    private Hash hash;

    public Block(BlockHeader header, List<Transaction> transactions) {
        this.header = Objects.requireNonNull(header, "header");
        this.transactions = List.copyOf(transactions);
    }

    /** A block whose header commits to {@code transactions} (the Merkle root is computed here). */
    public static Block create(long height, long round, Hash parentHash, ExecutedResults executed, PublicKey proposer,
                               long timestampMillis, List<Transaction> transactions) {
        List<Transaction> txs = List.copyOf(transactions);
        BlockHeader header = new BlockHeader(height, round, parentHash, transactionsRoot(txs), executed,
                proposer, timestampMillis);
        return new Block(header, txs);
    }

    /**
     * The genesis block of {@code chainId}: height 0, round 0, parent {@link Hash#ZERO}, no transactions,
     * proposer {@link #GENESIS_PROPOSER}, timestamp 0. The header has no chain id field, so the chain id enters as
     * the results of "block 0": {@code executed = (0, SHA-256(RESULTS prefix || UTF-8 chainId))}, which is also
     * what a proposer that has executed nothing yet claims.
     * Two chains therefore never share a genesis hash, and every node derives the same one from the id alone.
     */
    public static Block genesis(String chainId) {
        Hash chainResults = Domain.RESULTS.hash(chainId.getBytes(StandardCharsets.UTF_8));
        return create(0, 0, Hash.ZERO, new ExecutedResults(0, chainResults), GENESIS_PROPOSER, 0L, List.of());
    }

    /** The Merkle root of the transactions' hashes, in block order. */
    public static Hash transactionsRoot(List<Transaction> transactions) {
        List<Hash> leaves = new ArrayList<>(transactions.size());
        for (Transaction tx : transactions) {
            leaves.add(tx.hash());
        }
        return MerkleTree.root(leaves);
    }

    public BlockHeader header() {
        return header;
    }

    public List<Transaction> transactions() {
        return transactions;
    }

    public long height() {
        return header.height();
    }

    public long round() {
        return header.round();
    }

    public Hash parentHash() {
        return header.parentHash();
    }

    /** The block id: the header's hash. Cached. */
    public Hash hash() {
        Hash h = hash;
        if (h == null) {
            h = header.hash();
            hash = h;
        }
        return h;
    }

    /** True when the header's transactionsRoot is the Merkle root of these transactions. */
    public boolean transactionsMatchRoot() {
        return header.transactionsRoot().equals(transactionsRoot(transactions));
    }

    /** The inclusion proof of the transaction at {@code index} against the header's transactionsRoot. */
    public MerkleProof proofFor(int index) {
        List<Hash> leaves = new ArrayList<>(transactions.size());
        for (Transaction tx : transactions) {
            leaves.add(tx.hash());
        }
        return MerkleTree.proof(leaves, index);
    }

    public byte[] encode() {
        int size = 256;
        for (Transaction tx : transactions) {
            size += 4 + tx.encodedSize();
        }
        CanonicalWriter out = new CanonicalWriter(size);
        writeTo(out);
        return out.toByteArray();
    }

    public int encodedSize() {
        int size = header.encode().length + 2 + 4;
        for (Transaction tx : transactions) {
            size += 4 + tx.encodedSize();
        }
        return size;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeHeader(Kind.BLOCK);
        header.writeTo(out);
        out.writeU32(transactions.size());
        for (Transaction tx : transactions) {
            out.writeU32(tx.encodedSize());
            tx.writeTo(out);
        }
    }

    /** Decodes exactly one block within the block size, transaction count and transaction size limits. */
    public static Block decode(byte[] bytes, CodecLimits limits) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.requireTotalAtMost("block", limits.maxBlockBytes());
        Block block = readFrom(in, limits, "block");
        in.expectEnd("block");
        return block;
    }

    public static Block readFrom(CanonicalReader in, CodecLimits limits, String field) {
        int start = in.position();
        in.readHeader(Kind.BLOCK, field);
        BlockHeader header = BlockHeader.readFrom(in, field + ".header");
        // Each element takes at least its 4-byte length prefix plus a few header bytes.
        int count = in.readCount(field + ".transactions", limits.maxTransactionsPerBlock(), 4);
        List<Transaction> txs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String txField = field + ".transactions[" + i + "]";
            int length = in.readLength(txField + ".length", limits.maxTransactionBytes(), 0);
            CanonicalReader txIn = in.slice(txField, length);
            txs.add(Transaction.readFrom(txIn, limits, txField));
            txIn.expectEnd(txField);
        }
        int size = in.position() - start;
        if (size > limits.maxBlockBytes()) {
            throw new DecodingException(field, "length " + size + " exceeds limit " + limits.maxBlockBytes(), start);
        }
        return new Block(header, txs);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Block that && header.equals(that.header) && transactions.equals(that.transactions);
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "Block[" + hash().shortHex() + " height=" + header.height() + " round=" + header.round()
                + " parent=" + header.parentHash().shortHex() + " txs=" + transactions.size() + "]";
    }
}
