package org.fogledger.ledger.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names that storage is keyed by, checked before any of them reaches a JDBC URL or an SQL statement.
 *
 * <p>Schema names are spliced into DDL (a schema cannot be a bind parameter), so they are restricted to
 * lowercase ASCII letters, digits and underscores: nothing that needs quoting, nothing that can end a statement.
 */
public final class StorageNames {
    /** Prefix of the schema derived from a node name: node {@code validator-1} gets {@code fogledger_validator_1}. */
    public static final String SCHEMA_PREFIX = "fogledger_";

    /** PostgreSQL truncates identifiers at 63 bytes; a longer name would silently alias a shorter one. */
    static final int MAX_SCHEMA_LENGTH = 63;

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern NODE = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final int MAX_NODE_LENGTH = MAX_SCHEMA_LENGTH - SCHEMA_PREFIX.length();

    private StorageNames() {
    }

    /**
     * Returns {@code schema} if it is a valid schema name, or throws.
     *
     * @throws IllegalArgumentException if it is empty, longer than 63 characters, holds anything but lowercase
     *     ASCII letters, digits and underscores, starts with a digit, or starts with {@code pg_} (reserved by
     *     PostgreSQL for system schemas)
     */
    public static String requireSchemaName(String schema) {
        if (schema == null || schema.isEmpty()) {
            throw new IllegalArgumentException("schema name is empty");
        }
        if (schema.length() > MAX_SCHEMA_LENGTH) {
            throw new IllegalArgumentException("schema name '" + printable(schema) + "' is longer than "
                    + MAX_SCHEMA_LENGTH + " characters");
        }
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name '" + printable(schema) + "' is not allowed: use only "
                    + "lowercase letters a-z, digits 0-9 and underscore, not starting with a digit");
        }
        if (schema.startsWith("pg_")) {
            throw new IllegalArgumentException("schema name '" + schema + "' is not allowed: names starting with "
                    + "pg_ are reserved by PostgreSQL");
        }
        return schema;
    }

    /**
     * Returns {@code node} if it is a valid node name, or throws. A node name is lowercase letters, digits,
     * {@code -} and {@code _}, starting with a letter or digit, at most 53 characters (so that the derived
     * schema name fits PostgreSQL's 63).
     */
    public static String requireNodeName(String node) {
        if (node == null || node.isEmpty()) {
            throw new IllegalArgumentException("node name is empty");
        }
        if (node.length() > MAX_NODE_LENGTH) {
            throw new IllegalArgumentException("node name '" + printable(node) + "' is longer than "
                    + MAX_NODE_LENGTH + " characters");
        }
        if (!NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("node name '" + printable(node) + "' is not allowed: use only "
                    + "lowercase letters a-z, digits 0-9, '-' and '_', starting with a letter or digit");
        }
        return node;
    }

    /**
     * The schema a node's journal lives in when none is configured: {@code fogledger_} followed by the node
     * name with {@code -} turned into {@code _}. Two nodes whose names differ only there ({@code v-1} and
     * {@code v_1}) would get the same schema; {@link SchemaCreator} refuses the second one at start-up, since
     * each schema records the node that owns it.
     */
    public static String schemaForNode(String node) {
        return requireSchemaName(SCHEMA_PREFIX + requireNodeName(node).replace('-', '_'));
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : String.format(Locale.ROOT, "\\u%04x", (int) c));
        }
        return s.length() > 80 ? out + "..." : out.toString();
    }
}
