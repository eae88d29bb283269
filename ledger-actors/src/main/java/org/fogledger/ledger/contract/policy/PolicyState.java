package org.fogledger.ledger.contract.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.DevicePath;

/**
 * The policies committed so far, by (scope, issuing rank) as {@link #key}. The policies in force over a path are
 * found by looking up each scope that contains it, never by scanning every policy, so a vet costs at most
 * ({@value DevicePath#MAX_DEPTH} + 1) x 4 look-ups however many policies there are.
 */
public record PolicyState(SortedMap<String, PolicySlot> policies) {
    public static final PolicyState EMPTY = new PolicyState(new TreeMap<>());

    public PolicyState {
        policies = Collections.unmodifiableSortedMap(new TreeMap<>(policies));
    }

    /** {@code <scope> <rank>}: a space is in neither, so keys sort by scope, then rank name. */
    public static String key(String scope, Rank rank) {
        return scope + " " + rank.wireName();
    }

    public PolicySlot slot(String scope, Rank rank) {
        return policies.get(key(scope, rank));
    }

    /**
     * The newest version of every policy whose scope contains {@code path} (a valid path or scope), highest rank
     * first, then widest scope first.
     */
    public List<IssuedPolicy> inForceOver(String path, StepMeter meter) {
        List<String> scopes = scopesContaining(path);
        List<IssuedPolicy> inForce = new ArrayList<>();
        for (Rank rank : Rank.values()) {
            for (String scope : scopes) {
                meter.charge();
                PolicySlot slot = slot(scope, rank);
                if (slot != null) {
                    inForce.add(slot.newest());
                }
            }
        }
        return inForce;
    }

    /** The policies in force over {@code scope} issued by ranks strictly above {@code rank}. */
    public List<IssuedPolicy> higherThan(String scope, Rank rank, StepMeter meter) {
        List<IssuedPolicy> higher = new ArrayList<>();
        for (IssuedPolicy policy : inForceOver(scope, meter)) {
            if (rank.isBelow(policy.rank())) {
                higher.add(policy);
            }
        }
        return higher;
    }

    /** {@code /}, then each ancestor of {@code path} down to the path itself. */
    static List<String> scopesContaining(String path) {
        List<String> scopes = new ArrayList<>();
        scopes.add(DevicePath.ROOT);
        if (DevicePath.ROOT.equals(path)) {
            return scopes;
        }
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            scopes.add(path.substring(0, slash));
        }
        scopes.add(path);
        return scopes;
    }

    PolicyState with(IssuedPolicy policy) {
        TreeMap<String, PolicySlot> next = new TreeMap<>(policies);
        String key = key(policy.document().scope(), policy.rank());
        PolicySlot slot = next.get(key);
        next.put(key, slot == null ? new PolicySlot(policy, List.of(PolicyVersion.of(policy))) : slot.next(policy));
        return new PolicyState(next);
    }
}
