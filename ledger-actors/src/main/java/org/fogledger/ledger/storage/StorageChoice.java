package org.fogledger.ledger.storage;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Where one validator keeps its journal and snapshots. Validators never share storage: an H2 database is a file
 * under the node's own data directory; on PostgreSQL each node has its own schema.
 *
 * <p>Read from a node's configuration with {@link #fromConfig(Config, String)} (block {@code fogledger.storage},
 * see reference.conf and config/validator-h2.conf, config/validator-postgres.conf), or built directly.
 */
public sealed interface StorageChoice permits StorageChoice.H2, StorageChoice.Postgres {

    /** JDBC URL the journal and {@link SchemaCreator} connect to. */
    String jdbcUrl();

    /** User and password for {@link #jdbcUrl()}, for a plain JDBC connection. */
    Properties connectionProperties();

    /** Connections (and Slick threads) in the node's one journal pool. */
    int poolSize();

    /**
     * The embedded default: an H2 file database {@code <dataDir>/journal.mv.db}.
     *
     * @param dataDir the node's own data directory; made absolute (H2 refuses implicit relative paths)
     * @param poolSize connections in the pool, at least 1
     */
    record H2(Path dataDir, int poolSize) implements StorageChoice {
        /** File name (without H2's {@code .mv.db}) of the database inside the data directory. */
        public static final String DATABASE_NAME = "journal";

        public H2 {
            Objects.requireNonNull(dataDir, "dataDir");
            dataDir = dataDir.toAbsolutePath().normalize();
            String text = dataDir.toString();
            // ';' starts H2's URL settings, so a path holding one would be read as settings.
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == ';' || c < 0x20) {
                    throw new IllegalArgumentException("H2 data directory '" + text.replace(";", "\\;")
                            + "' holds ';' or a control character, which an H2 URL cannot carry");
                }
            }
            requirePoolSize(poolSize);
        }

        /**
         * {@code DB_CLOSE_ON_EXIT=FALSE}: the database closes when the ActorSystem terminates (the plugin closes
         * its pool then), not in H2's own JVM shutdown hook, which could run before Pekko's coordinated shutdown
         * has written its last events. No {@code DB_CLOSE_DELAY=-1}: that is for in-memory databases and would
         * keep the file open after the node stops. No compatibility {@code MODE}: the plugin's H2 profile and DDL
         * are written for H2's own dialect, and all identifiers are quoted, so case settings do not matter.
         */
        @Override
        public String jdbcUrl() {
            return "jdbc:h2:file:" + dataDir.resolve(DATABASE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
        }

        @Override
        public Properties connectionProperties() {
            Properties p = new Properties();
            p.setProperty("user", "sa");
            p.setProperty("password", "");
            return p;
        }
    }

    /**
     * A PostgreSQL database shared by several validators, each in its own schema.
     *
     * @param schema the node's schema; {@code null} or empty for {@link StorageNames#schemaForNode} of the node
     */
    record Postgres(String host, int port, String database, String user, String password, String schema,
            int poolSize) implements StorageChoice {
        public Postgres {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(user, "user");
            password = password == null ? "" : password;
            if (!host.matches("[A-Za-z0-9._:\\[\\]-]+")) {
                throw new IllegalArgumentException("PostgreSQL host '" + host + "' is not a host name or address");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("PostgreSQL port " + port + " is out of range 1-65535");
            }
            if (!database.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("PostgreSQL database name '" + database
                        + "' is not allowed: use letters, digits, '-' and '_'");
            }
            if (schema != null && !schema.isEmpty()) {
                StorageNames.requireSchemaName(schema);
            } else {
                schema = null;
            }
            requirePoolSize(poolSize);
        }

        /** The same server with the schema set explicitly. */
        public Postgres withSchema(String newSchema) {
            return new Postgres(host, port, database, user, password, StorageNames.requireSchemaName(newSchema),
                    poolSize);
        }

        /** The schema of node {@code node}: the configured one, else the one derived from the node name. */
        public String schemaFor(String node) {
            return schema != null ? schema : StorageNames.schemaForNode(node);
        }

        /** Server and database, no schema: what {@link SchemaCreator} connects to. */
        @Override
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        /** The URL the node's journal uses: the server's, with {@code currentSchema} set to the node's schema. */
        public String jdbcUrlFor(String node) {
            return jdbcUrl() + "?currentSchema=" + schemaFor(node);
        }

        @Override
        public Properties connectionProperties() {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            return p;
        }

        @Override
        public String toString() {
            // No password in logs.
            return "Postgres[" + jdbcUrl() + ", user=" + user + ", schema=" + schema + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * Reads block {@code fogledger.storage} of a node's configuration.
     *
     * @param config the node's whole configuration (reference.conf supplies every key)
     * @param node the node name, used for the default H2 data directory {@code data/<node>}
     * @throws IllegalArgumentException if {@code kind} is neither {@code h2} nor {@code postgres}, or a value
     *     is invalid
     */
    static StorageChoice fromConfig(Config config, String node) {
        StorageNames.requireNodeName(node);
        Config storage = config.getConfig("fogledger.storage");
        int poolSize = storage.getInt("pool-size");
        String kind = storage.getString("kind").trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "h2": {
                String dir = storage.getString("h2.data-dir");
                Path dataDir = dir.isBlank() ? Path.of("data", node) : Path.of(dir);
                return new H2(dataDir, poolSize);
            }
            case "postgres": {
                Config pg = storage.getConfig("postgres");
                return new Postgres(pg.getString("host"), pg.getInt("port"), pg.getString("database"),
                        pg.getString("user"), pg.getString("password"), pg.getString("schema"), poolSize);
            }
            default:
                throw new IllegalArgumentException("fogledger.storage.kind = '" + kind
                        + "' is not supported: use \"h2\" (embedded default) or \"postgres\"");
        }
    }

    private static void requirePoolSize(int poolSize) {
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("storage pool size " + poolSize + " is out of range 1-1000");
        }
    }
}
