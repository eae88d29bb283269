package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use: 127.0.0.1:5432, database test, user postgres, no password, unless the
 * environment says otherwise (FOGLEDGER_TEST_PG_HOST, _PORT, _DATABASE, _USER, _PASSWORD). CI starts it
 * (.ci/run); a test that needs it fails, never skips, when it is not there.
 */
public final class PostgresTestServer {
    private PostgresTestServer() {
    }

    /** The server, with {@code schema} as the node's schema; fails the test if it cannot be reached. */
    public static StorageChoice.Postgres require(String schema) {
        StorageChoice.Postgres pg = new StorageChoice.Postgres(env("HOST", "127.0.0.1"),
                Integer.parseInt(env("PORT", "5432")), env("DATABASE", "test"), env("USER", "postgres"),
                env("PASSWORD", ""), schema, 4);
        Properties props = pg.connectionProperties();
        props.setProperty("connectTimeout", "5");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), props)) {
            c.isValid(5);
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + pg.jdbcUrl() + " as user " + pg.user() + " (" + e.getMessage()
                    + "). These tests need it: CI starts it in .ci/run; locally start PostgreSQL or point "
                    + "FOGLEDGER_TEST_PG_HOST/_PORT/_DATABASE/_USER/_PASSWORD at one.", e);
        }
        return pg;
    }

    /** A schema name no other test run uses. */
    public static String uniqueSchema(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    private static String env(String key, String fallback) {
        String v = System.getenv("FOGLEDGER_TEST_PG_" + key);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
