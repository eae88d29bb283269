package org.fogledger.ledger.contract.authority;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.fogledger.ledger.contract.registry.Declaration;

/**
 * Which declarations an agent of each rank may make through the authority. Roots, regions and sites run the fleet:
 * they block and release devices, move them through their lifecycle and retire them. Destruction ends a device's
 * record for good, so it takes a region or a root. A device-rank agent holds authority (other contracts may consult
 * its chain) but declares nothing about devices. Theft and recovery are the owner's alone (the registry refuses them
 * from the authority anyway), and registration and resale have their own commands.
 */
public final class AgentDeclarationRights {
    private static final Map<Rank, Set<Declaration>> MAY_DECLARE = table();

    private AgentDeclarationRights() {
    }

    private static Map<Rank, Set<Declaration>> table() {
        Set<Declaration> fleet = EnumSet.of(Declaration.COMMISSIONED, Declaration.SHIPPED, Declaration.RECEIVED,
                Declaration.STORED, Declaration.INSTALLED, Declaration.PUBLIC_ACCESS, Declaration.OBSOLETE,
                Declaration.DECOMMISSIONED, Declaration.BLOCKED, Declaration.RELEASED);
        Set<Declaration> withDestruction = EnumSet.copyOf(fleet);
        withDestruction.add(Declaration.DESTROYED);
        Map<Rank, Set<Declaration>> may = new EnumMap<>(Rank.class);
        may.put(Rank.ROOT, Collections.unmodifiableSet(withDestruction));
        may.put(Rank.REGION, Collections.unmodifiableSet(EnumSet.copyOf(withDestruction)));
        may.put(Rank.SITE, Collections.unmodifiableSet(EnumSet.copyOf(fleet)));
        may.put(Rank.DEVICE, Collections.unmodifiableSet(EnumSet.noneOf(Declaration.class)));
        return Collections.unmodifiableMap(may);
    }

    public static Set<Declaration> mayDeclare(Rank rank) {
        return MAY_DECLARE.get(rank);
    }

    public static boolean may(Rank rank, Declaration declaration) {
        return MAY_DECLARE.get(rank).contains(declaration);
    }
}
