package org.fogledger.ledger.contract.arbitration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conflict table of docs/contracts/arbitration.md says what {@link Conflicts} does, cell by cell. */
class ConflictTableDocumentedTest {
    static final Path DOC = Path.of("..", "docs", "contracts", "arbitration.md");

    @Test
    void the_documented_conflict_table_is_the_code() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int header = lines.indexOf("| | admit | block | quarantine | release | update-firmware | revoke-access |"
                + " transfer |");
        List<String> expectedHeader = new ArrayList<>();
        for (DecisionAction action : DecisionAction.values()) {
            expectedHeader.add(action.wireName());
        }
        assertEquals(List.of("admit", "block", "quarantine", "release", "update-firmware", "revoke-access",
                "transfer"), expectedHeader, "the table's columns are the actions in declaration order");
        for (int row = 0; row < DecisionAction.values().length; row++) {
            DecisionAction a = DecisionAction.values()[row];
            String[] cells = lines.get(header + 2 + row).split("\\|", -1);
            assertEquals("**" + a.wireName() + "**", cells[1].trim(), "row " + row);
            for (int column = 0; column < DecisionAction.values().length; column++) {
                DecisionAction b = DecisionAction.values()[column];
                assertEquals(Conflicts.conflict(a, b) ? "x" : "", cells[2 + column].trim(), a + " / " + b);
            }
        }
    }
}
