package org.fogledger.ledger.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.crypto.Hash;

/**
 * One validator's execution results (table {@value #TABLE}, created by {@link SchemaCreator} next to
 * {@link CommittedBlockStore}'s): one row per executed height, the {@link BlockResults} in their canonical encoding
 * with the results hash they chain to.
 *
 * <p>Why they are kept: an audit proof links a trace anchor's execution record to a results claim in a later
 * header, and only the results themselves (records and roots) make that link; headers carry only the hash. The
 * contract host executes a block once and checkpoints it, so the results are written before the checkpoint
 * ({@code ContractHost}'s results sink): a restart never leaves a checkpointed block without its results.
 *
 * <p>Writes are idempotent: a height written again (a host that restarted between the write and its checkpoint
 * executes the block again) must carry the same results hash, or the store refuses loudly, since that would mean
 * execution is not deterministic. Reads decode within {@link CodecLimits} and check the stored hash. Plain blocking
 * JDBC, run on the caller's thread (the validator's {@code BlockArchive}).
 */
public final class ExecutionResultsStore {
    /** The table's name, quoted lower case: the same identifier in H2 and PostgreSQL. */
    public static final String TABLE = "\"fogledger_block_results\"";
    /**
     * The largest results one row may hold: a full block of transactions each answering the largest result a
     * contract may give would be far more, but such a block does not fit the wire either; what exceeds it is refused
     * when written, naming the height, rather than stored and then unreadable.
     */
    public static final int MAX_RESULTS_BYTES = 32 * 1024 * 1024;

    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final CommittedBlockStore.Connections connections;
    private final String table;
    private final CodecLimits limits;

    public ExecutionResultsStore(CommittedBlockStore.Connections connections, String schema, CodecLimits limits) {
        this.connections = Objects.requireNonNull(connections, "connections");
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema '" + schema + "' is not a plain SQL identifier");
        }
        this.table = schema + "." + TABLE;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Stores the results of block {@code results.height()} unless they are there already.
     *
     * @throws StoredChainConflictException if other results are stored at that height
     * @throws IllegalArgumentException     if they encode to more than {@link #MAX_RESULTS_BYTES}
     */
    public void put(BlockResults results) {
        byte[] encoded = results.encode();
        if (encoded.length > MAX_RESULTS_BYTES) {
            throw new IllegalArgumentException("the results of block " + results.height() + " encode to "
                    + encoded.length + " bytes, more than the " + MAX_RESULTS_BYTES + " a row may hold");
        }
        try (Connection c = connections.open()) {
            byte[] stored = storedHash(c, results.height());
            if (stored != null) {
                requireSame(results, stored);
                return;
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table
                    + " (\"height\", \"results_hash\", \"results\") VALUES (?, ?, ?)")) {
                ins.setLong(1, results.height());
                ins.setBytes(2, results.resultsHash().bytes());
                ins.setBytes(3, encoded);
                ins.executeUpdate();
            } catch (SQLException e) {
                // Another writer may have inserted the same height meanwhile: then it must be the same results.
                byte[] now = storedHash(c, results.height());
                if (now == null) {
                    throw e;
                }
                requireSame(results, now);
            }
        } catch (SQLException e) {
            throw failure("write to", e);
        }
    }

    /** The stored results of heights {@code from..to}, oldest first, stopping at the first height not stored. */
    public List<BlockResults> range(long from, long to) {
        List<BlockResults> out = new ArrayList<>();
        if (to < from) {
            return out;
        }
        try (Connection c = connections.open();
             PreparedStatement q = c.prepareStatement("SELECT \"height\", \"results_hash\", \"results\" FROM " + table
                     + " WHERE \"height\" BETWEEN ? AND ? ORDER BY \"height\"")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long height = rs.getLong(1);
                    if (height != from + out.size()) {
                        break;
                    }
                    Hash hash = Hash.of(rs.getBytes(2));
                    BlockResults results = BlockResults.decode(rs.getBytes(3), limits, MAX_RESULTS_BYTES);
                    if (results.height() != height || !results.resultsHash().equals(hash)) {
                        throw new StoredChainConflictException("stored results at height " + height + " do not hold"
                                + " the results their height and hash say (corrupt storage)");
                    }
                    out.add(results);
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read from", e);
        }
    }

    private byte[] storedHash(Connection c, long height) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT \"results_hash\" FROM " + table
                + " WHERE \"height\" = ?")) {
            q.setLong(1, height);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    private static void requireSame(BlockResults results, byte[] stored) {
        if (!Arrays.equals(stored, results.resultsHash().bytes())) {
            throw new StoredChainConflictException("the results of block " + results.height() + " hash to "
                    + results.resultsHash().shortHex() + " but " + Hash.of(stored).shortHex() + " are stored:"
                    + " this validator executed the block twice with different results");
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " the execution results (" + table + "): "
                + e.getMessage(), e);
    }
}
