package org.fogledger.ledger.storage;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Pekko configuration that points one validator's ActorSystem at its own journal: pekko-persistence-jdbc
 * for events ({@code jdbc-journal}), snapshots ({@code jdbc-snapshot-store}) and queries
 * ({@code jdbc-read-journal}), over H2 or PostgreSQL.
 *
 * <p>The fragment goes <em>under</em> the node's own configuration, so a node file can still tune any key:
 * <pre>{@code
 * Config nodeConfig = ConfigFactory.load("validator-1");
 * StorageChoice choice = StorageChoice.fromConfig(nodeConfig, "validator-1");
 * Config config = nodeConfig.withFallback(JournalSettings.prepare("validator-1", choice)).resolve();
 * }</pre>
 *
 * <p>The three plugins share one Slick database, {@code pekko-persistence-jdbc.shared-databases.slick}, so a
 * node holds one connection pool of {@link StorageChoice#poolSize()} connections rather than three of the
 * plugin's default 20 (several validators in one JVM would otherwise exhaust PostgreSQL's connections).
 *
 * <p>These keys are produced here rather than set in reference.conf on purpose: the plugin's own reference.conf
 * sets the same keys, and which of two reference.conf files wins depends on classpath or jar-merge order.
 */
public final class JournalSettings {
    /** Name of the shared database the three plugins use. */
    public static final String SHARED_DB = "slick";

    /**
     * The schema the node's tables are in ({@code PUBLIC} on H2, the node's own on PostgreSQL), for FogLedger's own
     * tables such as {@link CommittedBlockStore}'s, which the plugin's keys do not cover.
     */
    public static final String NODE_SCHEMA_KEY = "fogledger.storage.node-schema";

    /** The plugin config whose shared database FogLedger's own tables use too: one pool per node. */
    public static final String JOURNAL_PLUGIN = "jdbc-journal";

    public static final String H2_PROFILE = "slick.jdbc.H2Profile$";
    public static final String POSTGRES_PROFILE = "slick.jdbc.PostgresProfile$";

    private JournalSettings() {
    }

    /**
     * Creates the node's tables if they are missing ({@link SchemaCreator#ensure}) and returns
     * {@link #forNode}. Call it before creating the ActorSystem.
     */
    public static Config prepare(String node, StorageChoice choice) {
        SchemaCreator.ensure(node, choice);
        return forNode(node, choice);
    }

    /** The configuration fragment for node {@code node} on {@code choice}; touches no database. */
    public static Config forNode(String node, StorageChoice choice) {
        StorageNames.requireNodeName(node);
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("pekko.persistence.journal.plugin", "jdbc-journal");
        keys.put("pekko.persistence.snapshot-store.plugin", "jdbc-snapshot-store");
        for (String plugin : new String[] {"jdbc-journal", "jdbc-snapshot-store", "jdbc-read-journal"}) {
            keys.put(plugin + ".use-shared-db", SHARED_DB);
        }
        String db = "pekko-persistence-jdbc.shared-databases." + SHARED_DB;
        int pool = choice.poolSize();
        // Slick wants as many connections as threads; fewer can deadlock its executor.
        keys.put(db + ".db.numThreads", pool);
        keys.put(db + ".db.maxConnections", pool);
        keys.put(db + ".db.minConnections", 1);
        keys.put(db + ".db.connectionPool", "HikariCP");
        keys.put(db + ".db.poolName", "fogledger-journal-" + node);

        if (choice instanceof StorageChoice.H2 h2) {
            keys.put(db + ".profile", H2_PROFILE);
            keys.put(db + ".db.driver", "org.h2.Driver");
            keys.put(db + ".db.url", h2.jdbcUrl());
            keys.put(db + ".db.user", "sa");
            keys.put(db + ".db.password", "");
            keys.put(NODE_SCHEMA_KEY, "PUBLIC");
        } else if (choice instanceof StorageChoice.Postgres pg) {
            String schema = pg.schemaFor(node);
            keys.put(db + ".profile", POSTGRES_PROFILE);
            keys.put(db + ".db.driver", "org.postgresql.Driver");
            keys.put(db + ".db.url", pg.jdbcUrlFor(node));
            keys.put(db + ".db.user", pg.user());
            keys.put(db + ".db.password", pg.password());
            // Qualify every table with the node's schema, so the journal never depends on search_path.
            // jdbc-read-journal.tables is set too: in the plugin's reference.conf it is a copy of
            // jdbc-journal.tables taken when that file was resolved, before this fragment existed.
            for (String table : new String[] {"event_journal", "event_tag", "legacy_journal"}) {
                keys.put("jdbc-journal.tables." + table + ".schemaName", schema);
                keys.put("jdbc-read-journal.tables." + table + ".schemaName", schema);
            }
            keys.put("jdbc-snapshot-store.tables.snapshot.schemaName", schema);
            keys.put("jdbc-snapshot-store.tables.legacy_snapshot.schemaName", schema);
            keys.put(NODE_SCHEMA_KEY, schema);
        } else {
            throw new IllegalArgumentException("unknown storage choice " + choice);
        }
        return ConfigFactory.parseMap(keys, "FogLedger journal settings for node " + node);
    }
}
