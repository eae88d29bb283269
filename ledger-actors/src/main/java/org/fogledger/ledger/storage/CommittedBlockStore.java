package org.fogledger.ledger.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.crypto.Hash;

/**
 * One validator's committed chain in its own storage (table {@value #TABLE}, created by {@link SchemaCreator} next
 * to the journal): one row per height from 0, each block with the certificate that certifies it, in the canonical
 * encoding. Append-only and contiguous: a block is written only right after the current tip, and a block written
 * again must be the same one (anything else means two different blocks committed at one height, which consensus
 * rules out: the store refuses it loudly rather than overwrite).
 *
 * <p>Why a table of its own rather than the journal: the journal's old events are deleted once a snapshot covers
 * them, so recovery stays short; the chain must stay whole, for peers that catch up from far behind and for anyone
 * who audits the ledger. The table holds each block once, indexed by height and by hash. See docs/CONSENSUS.md.
 *
 * <p>Plain, blocking JDBC: the caller runs it on a thread of its own (the validator's {@code BlockArchive}). Every
 * read checks what it reads: blocks decode within {@link CodecLimits}, and a block's hash must be the stored one.
 */
public final class CommittedBlockStore {
    /** The table's name, quoted lower case: the same identifier in H2 and PostgreSQL. */
    public static final String TABLE = "\"fogledger_committed_block\"";

    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Where connections come from: the node's journal pool, or a plain JDBC connection in tests. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final String table;
    private final CodecLimits limits;

    /**
     * @param schema the node's schema: {@code PUBLIC} on H2, the node's own schema on PostgreSQL (see
     *               {@link JournalSettings#NODE_SCHEMA_KEY})
     */
    public CommittedBlockStore(Connections connections, String schema, CodecLimits limits) {
        this.connections = Objects.requireNonNull(connections, "connections");
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema '" + schema + "' is not a plain SQL identifier");
        }
        this.table = schema + "." + TABLE;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The height of the last stored block, or -1 when the table is empty. */
    public long tipHeight() {
        try (Connection c = connections.open()) {
            return tipHeight(c);
        } catch (SQLException e) {
            throw failure("read the tip of", e);
        }
    }

    /**
     * Appends {@code blocks} (consecutive heights, oldest first) in one transaction. Blocks at or below the tip must
     * be the ones stored (a restarted validator commits again what it had stored before its journal caught up);
     * the others must follow the tip without a gap.
     *
     * @return the tip height afterwards
     * @throws StoredChainConflictException if a block differs from the one stored at its height, or leaves a gap
     */
    public long append(List<CommittedBlock> blocks) {
        if (blocks.isEmpty()) {
            return tipHeight();
        }
        try (Connection c = connections.open()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long tip = tipHeight(c);
                List<CommittedBlock> fresh = new ArrayList<>(blocks.size());
                List<CommittedBlock> known = new ArrayList<>();
                for (CommittedBlock block : blocks) {
                    long batchTip = tip + fresh.size();
                    if (block.height() <= tip) {
                        known.add(block);
                    } else if (block.height() <= batchTip) {
                        // Listed twice in one batch (a journal may hold a height committed again after a restart).
                        CommittedBlock first = fresh.get((int) (block.height() - tip - 1));
                        if (!first.block().hash().equals(block.block().hash())) {
                            throw new StoredChainConflictException("two different blocks at height "
                                    + block.height() + " in one batch");
                        }
                    } else if (block.height() == batchTip + 1) {
                        fresh.add(block);
                    } else {
                        throw new StoredChainConflictException("block at height " + block.height()
                                + " would leave a gap: the stored chain ends at height " + tip
                                + (fresh.isEmpty() ? "" : " and this batch at " + (tip + fresh.size())));
                    }
                }
                checkKnown(c, known);
                insert(c, fresh);
                c.commit();
                return tip + fresh.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("append to", e);
        }
    }

    /** The height of the block with this hash, if stored. */
    public OptionalLong heightOf(Hash hash) {
        try (Connection c = connections.open()) {
            return heightOf(c, hash);
        } catch (SQLException e) {
            throw failure("look up a block in", e);
        }
    }

    /**
     * What a peer asking for block {@code hash} gets, as the consensus core answers from memory: up to
     * {@code maxBlocks} blocks ending at it, oldest first, each with the certificate of its parent; at least that
     * block, then older ones while their transactions fit in {@code maxBytes}. Empty if the block is not stored.
     */
    public List<ChainedBlock> chainEndingAt(Hash hash, int maxBlocks, long maxBytes) {
        if (maxBlocks <= 0) {
            return List.of();
        }
        try (Connection c = connections.open()) {
            OptionalLong found = heightOf(c, hash);
            if (found.isEmpty()) {
                return List.of();
            }
            long newest = found.getAsLong();
            long oldest = newest;
            // Sized from the byte counts alone, newest first, so no block is read only to be left out.
            try (PreparedStatement q = c.prepareStatement("SELECT \"height\", \"transactions_bytes\" FROM " + table
                    + " WHERE \"height\" BETWEEN ? AND ? ORDER BY \"height\" DESC")) {
                q.setLong(1, Math.max(0, newest - maxBlocks + 1));
                q.setLong(2, newest);
                try (ResultSet rs = q.executeQuery()) {
                    long bytes = 0;
                    long expected = newest;
                    while (rs.next() && rs.getLong(1) == expected) {
                        long size = rs.getInt(2);
                        if (expected != newest && bytes + size > maxBytes) {
                            break;
                        }
                        bytes += size;
                        oldest = expected;
                        expected--;
                    }
                }
            }
            // The parent's certificate justifies each block; the genesis block is justified by its own.
            List<CommittedBlock> rows = range(c, Math.max(0, oldest - 1), newest);
            List<ChainedBlock> chain = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                CommittedBlock row = rows.get(i);
                if (row.height() < oldest) {
                    continue;
                }
                QuorumCertificate justify = row.height() == 0 ? row.certificate() : rows.get(i - 1).certificate();
                chain.add(new ChainedBlock(row.block(), justify));
            }
            if (chain.isEmpty() || !chain.get(chain.size() - 1).block().hash().equals(hash)) {
                throw new StoredChainConflictException("stored chain ending at height " + newest
                        + " does not end with block " + hash.shortHex());
            }
            return chain;
        } catch (SQLException e) {
            throw failure("read blocks from", e);
        }
    }

    /** The blocks at heights {@code from..to} that are stored, oldest first. */
    public List<CommittedBlock> range(long from, long to) {
        try (Connection c = connections.open()) {
            return range(c, from, to);
        } catch (SQLException e) {
            throw failure("read blocks from", e);
        }
    }

    /** Hashes of the stored blocks from {@code fromHeight}, consecutive, at most {@code max}. */
    public List<Hash> hashesFrom(long fromHeight, int max) {
        List<Hash> hashes = new ArrayList<>();
        if (max <= 0) {
            return hashes;
        }
        try (Connection c = connections.open();
             PreparedStatement q = c.prepareStatement("SELECT \"height\", \"block_hash\" FROM " + table
                     + " WHERE \"height\" BETWEEN ? AND ? ORDER BY \"height\"")) {
            q.setLong(1, fromHeight);
            q.setLong(2, fromHeight + max - 1);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next() && rs.getLong(1) == fromHeight + hashes.size()) {
                    hashes.add(Hash.of(rs.getBytes(2)));
                }
            }
            return hashes;
        } catch (SQLException e) {
            throw failure("read hashes from", e);
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    private long tipHeight(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT MAX(\"height\") FROM " + table);
             ResultSet rs = q.executeQuery()) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? -1 : max;
        }
    }

    private OptionalLong heightOf(Connection c, Hash hash) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT \"height\" FROM " + table + " WHERE \"block_hash\" = ?")) {
            q.setBytes(1, hash.bytes());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Blocks at or below the tip must be the stored ones, byte for byte of their hash. */
    private void checkKnown(Connection c, List<CommittedBlock> known) throws SQLException {
        if (known.isEmpty()) {
            return;
        }
        TreeMap<Long, CommittedBlock> byHeight = new TreeMap<>();
        for (CommittedBlock block : known) {
            CommittedBlock other = byHeight.putIfAbsent(block.height(), block);
            if (other != null && !other.block().hash().equals(block.block().hash())) {
                throw new StoredChainConflictException("two different blocks at height " + block.height()
                        + " in one batch");
            }
        }
        known = new ArrayList<>(byHeight.values());
        long from = known.get(0).height();
        long to = known.get(known.size() - 1).height();
        try (PreparedStatement q = c.prepareStatement("SELECT \"height\", \"block_hash\" FROM " + table
                + " WHERE \"height\" BETWEEN ? AND ? ORDER BY \"height\"")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet rs = q.executeQuery()) {
                for (CommittedBlock block : known) {
                    boolean found = false;
                    while (!found && rs.next()) {
                        found = rs.getLong(1) == block.height();
                    }
                    if (!found) {
                        throw new StoredChainConflictException("no stored block at height " + block.height()
                                + " below the stored tip: the table has a hole");
                    }
                    byte[] stored = rs.getBytes(2);
                    if (!Arrays.equals(stored, block.block().hash().bytes())) {
                        throw new StoredChainConflictException("block " + block.block().hash().shortHex()
                                + " committed at height " + block.height() + " differs from the stored block "
                                + Hash.of(stored).shortHex() + ": two blocks committed at one height (a safety "
                                + "violation, or storage that belongs to another chain)");
                    }
                }
            }
        }
    }

    private void insert(Connection c, List<CommittedBlock> fresh) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table
                + " (\"height\", \"block_hash\", \"transactions_bytes\", \"block\", \"certificate\") VALUES (?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (CommittedBlock block : fresh) {
                if (!block.certificate().blockHash().equals(block.block().hash())) {
                    throw new StoredChainConflictException("the certificate stored with the block at height "
                            + block.height() + " certifies another block");
                }
                ins.setLong(1, block.height());
                ins.setBytes(2, block.block().hash().bytes());
                ins.setInt(3, transactionsBytes(block.block()));
                ins.setBytes(4, block.block().encode());
                ins.setBytes(5, block.certificate().encode());
                ins.addBatch();
                if (++batched % 256 == 0) {
                    ins.executeBatch();
                }
            }
            ins.executeBatch();
        }
    }

    private List<CommittedBlock> range(Connection c, long from, long to) throws SQLException {
        List<CommittedBlock> blocks = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT \"height\", \"block_hash\", \"block\", \"certificate\" FROM "
                + table + " WHERE \"height\" BETWEEN ? AND ? ORDER BY \"height\"")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long height = rs.getLong(1);
                    Hash hash = Hash.of(rs.getBytes(2));
                    Block block = Block.decode(rs.getBytes(3), limits);
                    QuorumCertificate certificate = QuorumCertificate.decode(rs.getBytes(4), limits);
                    if (block.height() != height || !block.hash().equals(hash)
                            || !certificate.blockHash().equals(hash)) {
                        throw new StoredChainConflictException("stored row at height " + height
                                + " does not hold the block its height and hash say (corrupt storage)");
                    }
                    blocks.add(new CommittedBlock(block, certificate));
                }
            }
        }
        return blocks;
    }

    private static int transactionsBytes(Block block) {
        long bytes = 0;
        for (Transaction tx : block.transactions()) {
            bytes += tx.encodedSize();
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " the committed blocks (" + table + "): "
                + e.getMessage(), e);
    }
}
