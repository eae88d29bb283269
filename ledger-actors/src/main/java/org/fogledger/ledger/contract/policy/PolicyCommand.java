package org.fogledger.ledger.contract.policy;

import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.PublicKey;

/** The payloads of the policy contract's commands and queries, read strictly. */
public final class PolicyCommand {
    private PolicyCommand() {
    }

    /**
     * Command {@code apply}, sent by the authority contract only: {@code document} issued by {@code issuer}, whose
     * delegation chain gives it {@code rank} over {@code jurisdiction}.
     */
    public record Apply(PublicKey issuer, Rank rank, String jurisdiction, PolicyDocument document) {
    }

    /** Query {@code effective}: the effective policy at a device path or scope. */
    public record EffectiveAt(String path) {
    }

    /** Query {@code policies}: the policies in force whose scope lies within {@code under}. */
    public record PoliciesUnder(String under) {
    }

    /** Query {@code policy}: one (scope, rank) policy, newest version and history. */
    public record PolicyOf(String scope, Rank rank) {
    }
}
