package org.fogledger.ledger.contract.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fogledger.ledger.contract.ContractRefusal;

/**
 * The transition table: which declaration is legal from which phase, and the phase it leads to. The whole table is
 * here and nowhere else; docs/contracts/registry.md prints it and a test checks the two agree.
 *
 * <p>Lifecycle declarations each lead to one phase from a set of phases. Block and release are not lifecycle moves:
 * a block is a hold laid over whatever phase the device is in, so {@code blocked} is legal when no block is in force
 * and {@code released} when one is. {@code destroyed} is terminal: nothing is legal after it.
 *
 * <p>Why the sets are what they are:
 * <ul>
 *   <li>{@link #IN_HAND}: the phases in which the owner holds the device and may ship, store, install (again,
 *       e.g. in another ward), resell or retire it;</li>
 *   <li>a device in transit must be received (or declared stolen, obsolete or destroyed) before anything else;</li>
 *   <li>a stolen device is recovered into {@code received}, not back where it was: it was out of its owner's hands
 *       and is admitted again only once its owner installs it again;</li>
 *   <li>{@code obsolete} and {@code decommissioned} are one-way: an obsolete device may only be decommissioned or
 *       destroyed, a decommissioned one only destroyed; nothing puts either back into service. For the same reason
 *       an obsolete device cannot be declared stolen (its recovery would lead to {@code received} and so back into
 *       service); it is not admitted anyway.</li>
 * </ul>
 */
public final class Transitions {

    /** The phases in which the owner holds the device. */
    public static final Set<Phase> IN_HAND = Collections.unmodifiableSet(EnumSet.of(Phase.COMMISSIONED,
            Phase.RECEIVED, Phase.STORED, Phase.OPERATIONAL, Phase.PUBLIC_ACCESS, Phase.SOLD));

    /** One row of the lifecycle table: {@code declaration} leads from any of {@code from} to {@code to}. */
    public record Rule(Declaration declaration, Phase to, Set<Phase> from) {
        public Rule {
            from = Collections.unmodifiableSet(EnumSet.copyOf(from));
        }
    }

    private static final Map<Declaration, Rule> LIFECYCLE = table(
            rule(Declaration.COMMISSIONED, Phase.COMMISSIONED, EnumSet.of(Phase.REGISTERED)),
            rule(Declaration.SHIPPED, Phase.IN_TRANSIT, IN_HAND),
            rule(Declaration.RECEIVED, Phase.RECEIVED, EnumSet.of(Phase.IN_TRANSIT)),
            rule(Declaration.STORED, Phase.STORED, IN_HAND),
            rule(Declaration.INSTALLED, Phase.OPERATIONAL, IN_HAND),
            rule(Declaration.PUBLIC_ACCESS, Phase.PUBLIC_ACCESS, EnumSet.of(Phase.OPERATIONAL)),
            rule(Declaration.RESOLD, Phase.SOLD, IN_HAND),
            rule(Declaration.STOLEN, Phase.STOLEN, union(IN_HAND, EnumSet.of(Phase.IN_TRANSIT))),
            rule(Declaration.RECOVERED, Phase.RECEIVED, EnumSet.of(Phase.STOLEN)),
            rule(Declaration.OBSOLETE, Phase.OBSOLETE,
                    union(IN_HAND, EnumSet.of(Phase.REGISTERED, Phase.IN_TRANSIT))),
            rule(Declaration.DECOMMISSIONED, Phase.DECOMMISSIONED,
                    union(IN_HAND, EnumSet.of(Phase.REGISTERED, Phase.OBSOLETE))),
            rule(Declaration.DESTROYED, Phase.DESTROYED, EnumSet.complementOf(EnumSet.of(Phase.DESTROYED))));

    private Transitions() {
    }

    /** The lifecycle rows, in {@link Declaration#LIFECYCLE} order. */
    public static List<Rule> lifecycle() {
        return List.copyOf(LIFECYCLE.values());
    }

    /**
     * The phase {@code declaration} leads to from {@code phase} (the same phase for a block or a release), or a
     * refusal with code {@code illegal-transition} that names the state, the declaration and what is allowed.
     */
    public static Phase check(Phase phase, HistoryEntry block, Declaration declaration) {
        if (isLegal(phase, block != null, declaration)) {
            Rule rule = LIFECYCLE.get(declaration);
            return rule == null ? phase : rule.to();
        }
        String why;
        if (phase == Phase.DESTROYED) {
            why = ": destroyed is terminal";
        } else if (declaration == Declaration.BLOCKED && block != null) {
            why = ": the device is already blocked (" + block.describe() + ")";
        } else if (declaration == Declaration.RELEASED && block == null) {
            why = ": the device is not blocked";
        } else if (declaration == Declaration.REGISTERED) {
            why = ": the device is registered already";
        } else {
            why = "";
        }
        List<Declaration> allowed = allowed(phase, block != null);
        throw new ContractRefusal("illegal-transition", "from state " + phase + (block == null ? "" : ", blocked")
                + ", declaration " + declaration + " is not allowed" + why + "; allowed: "
                + (allowed.isEmpty() ? "none" : join(allowed)));
    }

    /** Whether {@code declaration} is legal from {@code phase}, with or without a block in force. */
    public static boolean isLegal(Phase phase, boolean blocked, Declaration declaration) {
        if (phase == Phase.DESTROYED) {
            return false;
        }
        return switch (declaration) {
            case BLOCKED -> !blocked;
            case RELEASED -> blocked;
            case REGISTERED -> false;
            default -> LIFECYCLE.get(declaration).from().contains(phase);
        };
    }

    /** The declarations legal from {@code phase}, in {@link Declaration} order. */
    public static List<Declaration> allowed(Phase phase, boolean blocked) {
        List<Declaration> allowed = new ArrayList<>();
        for (Declaration declaration : Declaration.values()) {
            if (isLegal(phase, blocked, declaration)) {
                allowed.add(declaration);
            }
        }
        return allowed;
    }

    private static String join(List<Declaration> declarations) {
        StringBuilder out = new StringBuilder();
        for (Declaration declaration : declarations) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(declaration);
        }
        return out.toString();
    }

    private static Rule rule(Declaration declaration, Phase to, Set<Phase> from) {
        return new Rule(declaration, to, from);
    }

    private static Set<Phase> union(Set<Phase> a, Set<Phase> b) {
        EnumSet<Phase> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }

    private static Map<Declaration, Rule> table(Rule... rules) {
        Map<Declaration, Rule> table = new EnumMap<>(Declaration.class);
        for (Rule rule : rules) {
            if (!Declaration.LIFECYCLE.contains(rule.declaration())
                    || table.put(rule.declaration(), rule) != null) {
                throw new IllegalStateException("transition table: " + rule.declaration()
                        + " is not a lifecycle declaration or has two rows");
            }
        }
        if (!table.keySet().containsAll(Declaration.LIFECYCLE)) {
            throw new IllegalStateException("transition table lacks a row for some of " + Declaration.LIFECYCLE);
        }
        return Collections.unmodifiableMap(table);
    }
}
