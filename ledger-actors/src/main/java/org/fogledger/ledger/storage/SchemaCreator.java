package org.fogledger.ledger.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates a validator's journal tables with plain JDBC before its ActorSystem starts, so that neither an operator
 * nor the plugin has to (pekko-persistence-jdbc does not create tables itself).
 *
 * <p>Runs FogLedger's copies of the plugin's DDL ({@code fogledger/schema/*-create-schema.sql} on the
 * classpath); every statement is {@code IF NOT EXISTS}, so it runs at every start. On PostgreSQL it first
 * creates the node's schema and runs the whole DDL in one transaction (PostgreSQL's DDL is transactional), under
 * an advisory lock, so a half-created schema is never left behind and two concurrent starts do not race.
 *
 * <p>Each database or schema records the node that created it; starting another node on it fails, since
 * validators never share storage.
 */
public final class SchemaCreator {
    static final String H2_DDL = "fogledger/schema/h2-create-schema.sql";
    static final String POSTGRES_DDL = "fogledger/schema/postgres-create-schema.sql";
    private static final String SCHEMA_PLACEHOLDER = "${schema}";

    private SchemaCreator() {
    }

    /**
     * Makes sure node {@code node}'s journal, tag, snapshot, durable-state and committed-block tables exist on
     * {@code choice}, creating what is missing, and that the storage belongs to this node.
     *
     * @throws StorageSetupException if the database cannot be reached, the DDL fails, or the storage belongs to
     *     another node
     * @throws IllegalArgumentException if the node or schema name is invalid
     */
    public static void ensure(String node, StorageChoice choice) {
        StorageNames.requireNodeName(node);
        if (choice instanceof StorageChoice.H2 h2) {
            ensureH2(node, h2);
        } else if (choice instanceof StorageChoice.Postgres pg) {
            ensurePostgres(node, pg);
        } else {
            throw new IllegalArgumentException("unknown storage choice " + choice);
        }
    }

    /**
     * Removes node storage: on PostgreSQL {@code DROP SCHEMA IF EXISTS <schema> CASCADE}, on H2 every object in
     * the database file. For tests and for wiping a node; there is no undo.
     */
    public static void drop(String node, StorageChoice choice) {
        StorageNames.requireNodeName(node);
        if (choice instanceof StorageChoice.Postgres pg) {
            dropPostgresSchema(pg, pg.schemaFor(node));
        } else if (choice instanceof StorageChoice.H2 h2) {
            try (Connection c = connect(h2, h2.jdbcUrl()); Statement st = c.createStatement()) {
                st.execute("DROP ALL OBJECTS");
            } catch (SQLException e) {
                throw new StorageSetupException("cannot drop H2 database " + h2.jdbcUrl() + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code DROP SCHEMA IF EXISTS <schema> CASCADE} on {@code pg}'s database, the name validated first. */
    public static void dropPostgresSchema(StorageChoice.Postgres pg, String schema) {
        StorageNames.requireSchemaName(schema);
        try (Connection c = connect(pg, pg.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new StorageSetupException("cannot drop schema " + schema + " on " + pg.jdbcUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void ensureH2(String node, StorageChoice.H2 h2) {
        try {
            Files.createDirectories(h2.dataDir());
        } catch (IOException e) {
            throw new StorageSetupException("cannot create data directory " + h2.dataDir() + " of node " + node
                    + ": " + e.getMessage(), e);
        }
        List<String> ddl = statements(H2_DDL, null);
        try (Connection c = connect(h2, h2.jdbcUrl())) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : ddl) {
                    st.execute(sql);
                }
                claim(c, node, "PUBLIC.\"fogledger_storage_owner\"", "\"id\"", "\"node_name\"",
                        "H2 database " + h2.jdbcUrl());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageSetupException("cannot create the journal tables of node " + node + " in H2 database "
                    + h2.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static void ensurePostgres(String node, StorageChoice.Postgres pg) {
        String schema = pg.schemaFor(node);
        List<String> ddl = statements(POSTGRES_DDL, schema);
        try (Connection c = connect(pg, pg.jdbcUrl())) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Serialises concurrent creators of the same schema (CREATE ... IF NOT EXISTS is not race-free).
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, "fogledger-schema:" + schema);
                    lock.execute();
                }
                st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                for (String sql : ddl) {
                    st.execute(sql);
                }
                claim(c, node, schema + ".fogledger_storage_owner", "id", "node_name",
                        "PostgreSQL schema " + schema + " on " + pg.jdbcUrl());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageSetupException("cannot create the journal schema " + schema + " of node " + node
                    + " on PostgreSQL " + pg.jdbcUrl() + " as user " + pg.user() + ": " + e.getMessage(), e);
        }
    }

    /** Records {@code node} as the owner if there is none yet; throws if another node owns the storage. */
    private static void claim(Connection c, String node, String table, String idColumn, String nodeColumn,
            String where) throws SQLException {
        String owner = null;
        try (PreparedStatement q = c.prepareStatement("SELECT " + nodeColumn + " FROM " + table)) {
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    owner = rs.getString(1);
                }
            }
        }
        if (owner == null) {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO " + table + " (" + idColumn + ", " + nodeColumn + ") VALUES (1, ?)")) {
                ins.setString(1, node);
                ins.executeUpdate();
            }
        } else if (!owner.equals(node)) {
            throw new StorageSetupException(where + " belongs to node '" + owner + "', not to '" + node
                    + "': validators never share storage; give each node its own data directory or schema");
        }
    }

    private static Connection connect(StorageChoice choice, String url) throws SQLException {
        return DriverManager.getConnection(url, choice.connectionProperties());
    }

    /**
     * The statements of DDL resource {@code resource}: {@code --} comment lines dropped, split on {@code ;},
     * {@code ${schema}} replaced by {@code schema} (already validated) when given.
     */
    static List<String> statements(String resource, String schema) {
        String text;
        try (InputStream in = SchemaCreator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("DDL resource " + resource + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read DDL resource " + resource, e);
        }
        return split(text, schema == null ? null : StorageNames.requireSchemaName(schema));
    }

    static List<String> split(String text, String schema) {
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            if (!line.strip().startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        String sql = schema == null ? body.toString() : body.toString().replace(SCHEMA_PLACEHOLDER, schema);
        if (sql.contains(SCHEMA_PLACEHOLDER)) {
            throw new IllegalStateException("DDL still holds " + SCHEMA_PLACEHOLDER + " but no schema was given");
        }
        List<String> out = new ArrayList<>();
        for (String part : sql.split(";")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }
}
