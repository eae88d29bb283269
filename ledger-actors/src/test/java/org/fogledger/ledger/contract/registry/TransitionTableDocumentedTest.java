package org.fogledger.ledger.contract.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transition and rights tables of docs/contracts/registry.md say what the code does, cell by cell, so the
 * documentation cannot drift from {@link Transitions} and {@link DeclarationRights}.
 */
class TransitionTableDocumentedTest {
    static final Path DOC = Path.of("..", "docs", "contracts", "registry.md");

    static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    @Test
    void the_documented_transition_table_is_the_code() throws IOException {
        assertEquals(List.of(), transitionDifferences(doc()));
    }

    @Test
    void the_documented_rights_table_is_the_code() throws IOException {
        assertEquals(List.of(), rightsDifferences(doc()));
    }

    @Test
    void a_wrong_cell_in_the_documentation_is_caught() throws IOException {
        String planted = doc().replace("| stolen | - | - | - | - | - | - | - | - | received |",
                "| stolen | - | - | - | - | - | - | - | - | operational |");
        assertEquals(List.of("stolen + recovered: documented operational, code received"),
                transitionDifferences(planted));
        String lax = doc().replace("| stolen | x | - | - |", "| stolen | x | x | - |");
        assertEquals(List.of("stolen by administrator: documented x, code -"), rightsDifferences(lax));
    }

    @Test
    void a_missing_row_or_table_is_caught() throws IOException {
        String noDestroyedRow = doc().replace("| destroyed | - | - | - | - | - | - | - | - | - | - | - | - |\n", "");
        assertEquals(List.of("phase destroyed has no row"), transitionDifferences(noDestroyedRow));
        assertThrows(AssertionError.class, () -> transitionDifferences("no table here"));
    }

    /** Each cell of the documented transition table that disagrees with {@link Transitions}, in words. */
    static List<String> transitionDifferences(String markdown) {
        List<List<String>> rows = table(markdown, "transition-table");
        List<String> header = rows.get(0);
        List<String> differences = new ArrayList<>();
        List<String> expectedHeader = new ArrayList<>(List.of("from \\ declaration"));
        Declaration.LIFECYCLE.forEach(declaration -> expectedHeader.add(declaration.wireName()));
        if (!header.equals(expectedHeader)) {
            differences.add("columns are " + header + ", expected " + expectedHeader);
            return differences;
        }
        for (Phase from : Phase.values()) {
            List<String> row = rows.stream().skip(1).filter(r -> r.get(0).equals(from.wireName())).findFirst()
                    .orElse(null);
            if (row == null) {
                differences.add("phase " + from + " has no row");
                continue;
            }
            for (int column = 1; column < header.size(); column++) {
                Declaration declaration = Declaration.LIFECYCLE.get(column - 1);
                String code = Transitions.isLegal(from, false, declaration)
                        ? Transitions.check(from, null, declaration).wireName() : "-";
                if (!row.get(column).equals(code)) {
                    differences.add(from + " + " + declaration + ": documented " + row.get(column) + ", code " + code);
                }
            }
        }
        return differences;
    }

    /** Each cell of the documented rights table that disagrees with {@link DeclarationRights}. */
    static List<String> rightsDifferences(String markdown) {
        List<List<String>> rows = table(markdown, "rights-table");
        List<DeclarerRole> columns = List.of(DeclarerRole.OWNER, DeclarerRole.ADMINISTRATOR, DeclarerRole.AUTHORITY);
        List<String> differences = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Declaration declaration = DeclarationRightsTest.named(row.get(0));
            for (int i = 0; i < columns.size(); i++) {
                String code = DeclarationRights.mayDeclare(declaration).contains(columns.get(i)) ? "x" : "-";
                if (!row.get(i + 1).equals(code)) {
                    differences.add(declaration + " by " + columns.get(i) + ": documented " + row.get(i + 1)
                            + ", code " + code);
                }
            }
        }
        if (rows.size() - 1 != Declaration.values().length - 2) {
            differences.add("the rights table has " + (rows.size() - 1) + " rows, expected one per declaration"
                    + " made with 'declare'");
        }
        return differences;
    }

    /** The cells of the markdown table between {@code <!-- name:begin -->} and {@code <!-- name:end -->}. */
    static List<List<String>> table(String markdown, String name) {
        int begin = markdown.indexOf("<!-- " + name + ":begin -->");
        int end = markdown.indexOf("<!-- " + name + ":end -->");
        if (begin < 0 || end < begin) {
            throw new AssertionError("the documentation has no " + name);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : markdown.substring(begin, end).lines().toList()) {
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }
}
