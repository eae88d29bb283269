package org.fogledger.ledger.contract.authority;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The links of authority as recorded: the roots' own links (from genesis) and the latest delegation to each agent,
 * revoked ones included (a revocation is kept so a refusal can say which link was revoked and when). Keys are
 * agents' tagged hex. Each agent holds at most one link: a re-delegation replaces it.
 */
public record DelegationGraph(SortedMap<String, Delegation> roots, SortedMap<String, Delegation> links) {

    public DelegationGraph {
        roots = Collections.unmodifiableSortedMap(new TreeMap<>(roots));
        links = Collections.unmodifiableSortedMap(new TreeMap<>(links));
    }

    /** The link that gives {@code agent} its authority: its root link if it is a root, else its delegation. */
    public Delegation linkOf(PublicKey agent) {
        String key = ContractJson.hex(agent);
        Delegation root = roots.get(key);
        return root != null ? root : links.get(key);
    }

    public boolean isRoot(PublicKey agent) {
        return roots.containsKey(ContractJson.hex(agent));
    }
}
