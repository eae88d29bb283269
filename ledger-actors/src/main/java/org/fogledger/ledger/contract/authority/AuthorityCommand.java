package org.fogledger.ledger.contract.authority;

import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.policy.PolicyDocument;
import org.fogledger.ledger.contract.registry.Declaration;
import org.fogledger.ledger.crypto.PublicKey;

/** The payloads of the authority contract's commands and queries, read strictly. */
public final class AuthorityCommand {
    private AuthorityCommand() {
    }

    /** Give {@code agent} rank {@code rank} over {@code jurisdiction}, until block time {@code expiresAt} if set. */
    public record Delegate(PublicKey agent, Rank rank, String jurisdiction, Long expiresAt) {
    }

    public record Revoke(PublicKey agent) {
    }

    /** A declaration about device {@code deviceId} that the authority relays to {@code registry/<deviceId>}. */
    public record Declare(String deviceId, Declaration declaration, String location, String note) {
    }

    /**
     * The agent's decision {@code action} about device {@code deviceId}, with an optional {@code note}; relayed to
     * {@code registry/<deviceId>.vet-decision} on its way to the device's arbitration.
     */
    public record Decide(String deviceId, DecisionAction action, String note) {
    }

    /** A policy document the authority relays to {@code policy/_.apply} with the signer's rank and jurisdiction. */
    public record IssuePolicy(PolicyDocument document) {
    }

    /** Query {@code authority}: the chain of {@code agent} at block time {@code atMillis} (default: the last). */
    public record AuthorityOf(PublicKey agent, Long atMillis) {
    }

    /** Query {@code agents}: the delegations over a jurisdiction within {@code under}. */
    public record AgentsUnder(String under) {
    }
}
