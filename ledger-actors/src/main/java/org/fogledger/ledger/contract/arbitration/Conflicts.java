package org.fogledger.ledger.contract.arbitration;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which actions contradict each other on one device: the conflict table. Symmetric; an action never conflicts with
 * itself (two agents deciding the same thing agree). docs/contracts/arbitration.md prints it and the conflict matrix
 * test reads it back from src/test/resources.
 *
 * <p>Why: a block refuses every connection and a quarantine keeps the device apart without commands, so each
 * contradicts letting it connect ({@code admit}), lifting holds ({@code release}), pushing firmware (a command) and
 * moving its administration elsewhere while held ({@code transfer}); block and quarantine contradict each other
 * because only one hold can be in force. {@code admit} and {@code release} mean the same for a connection.
 * {@code revoke-access} only narrows who reads the device's data, which every other action tolerates, so it
 * conflicts with nothing. {@code update-firmware} and {@code transfer} coexist (the transfer's target is not compared:
 * two transfers agree).
 */
public final class Conflicts {

    /** The conflicting pairs, each once. */
    public static final List<List<DecisionAction>> PAIRS = List.of(
            List.of(DecisionAction.BLOCK, DecisionAction.ADMIT),
            List.of(DecisionAction.BLOCK, DecisionAction.RELEASE),
            List.of(DecisionAction.BLOCK, DecisionAction.QUARANTINE),
            List.of(DecisionAction.BLOCK, DecisionAction.UPDATE_FIRMWARE),
            List.of(DecisionAction.BLOCK, DecisionAction.TRANSFER),
            List.of(DecisionAction.QUARANTINE, DecisionAction.ADMIT),
            List.of(DecisionAction.QUARANTINE, DecisionAction.RELEASE),
            List.of(DecisionAction.QUARANTINE, DecisionAction.UPDATE_FIRMWARE),
            List.of(DecisionAction.QUARANTINE, DecisionAction.TRANSFER));

    private static final Map<DecisionAction, Set<DecisionAction>> TABLE = table();

    private Conflicts() {
    }

    private static Map<DecisionAction, Set<DecisionAction>> table() {
        Map<DecisionAction, Set<DecisionAction>> table = new EnumMap<>(DecisionAction.class);
        for (DecisionAction action : DecisionAction.values()) {
            table.put(action, EnumSet.noneOf(DecisionAction.class));
        }
        for (List<DecisionAction> pair : PAIRS) {
            table.get(pair.get(0)).add(pair.get(1));
            table.get(pair.get(1)).add(pair.get(0));
        }
        for (DecisionAction action : DecisionAction.values()) {
            table.put(action, Collections.unmodifiableSet(table.get(action)));
        }
        return Collections.unmodifiableMap(table);
    }

    /** Whether a decision {@code a} and a decision {@code b} on the same device contradict each other. */
    public static boolean conflict(DecisionAction a, DecisionAction b) {
        return TABLE.get(a).contains(b);
    }

    /** The actions that contradict {@code action}. */
    public static Set<DecisionAction> with(DecisionAction action) {
        return TABLE.get(action);
    }
}
