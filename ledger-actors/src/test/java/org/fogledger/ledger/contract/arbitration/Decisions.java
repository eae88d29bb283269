package org.fogledger.ledger.contract.arbitration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * Test decisions as the arbitration receives them, written compactly: {@code site:a:block:q2} is agent {@code a}
 * of rank site deciding block under a quorum-2 ruling. Keys are derived from names, so runs repeat.
 */
final class Decisions {
    static final String DEVICE = "meter-1";

    private Decisions() {
    }

    static PublicKey agent(String name) {
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519,
                Sha256.hash(("arbitration-test/" + name).getBytes(StandardCharsets.UTF_8)).bytes()).publicKey();
    }

    /** The ruling a rule token names: fc, q1..q9, no (not allowed), ill (illegitimate, ruled as fc). */
    static PolicyRuling ruling(String rule, DecisionAction action) {
        if (rule.equals("fc") || rule.equals("ill")) {
            return PolicyRuling.withoutPolicy(action);
        }
        if (rule.equals("no")) {
            return new PolicyRuling(false, "policy /eu@1 (root): this rank may not " + action, "/eu@1",
                    EqualRankRule.FIRST_COMMITTED, 1);
        }
        if (rule.matches("q[1-9]")) {
            return new PolicyRuling(true, "policy /eu@1 (root): " + action + " needs a quorum", "/eu@1",
                    EqualRankRule.QUORUM, rule.charAt(1) - '0');
        }
        throw new IllegalArgumentException("unknown rule token '" + rule + "'");
    }

    static AgentDecision decision(Rank rank, String agent, DecisionAction action, String rule, long height,
                                  int index) {
        AgentDecision decision = new AgentDecision(DEVICE, agent(agent), rank, "/eu", action, null, height, index,
                "/eu/fr/lyon/ward-1", null, null).ruled(ruling(rule, action));
        return rule.equals("ill") ? decision.refused("device " + DEVICE + " is at '/eu/fr/lyon/ward-1', not within"
                + " the agent's jurisdiction '/eu/de'") : decision;
    }

    /** {@code rank:agent:action:rule} at {@code height}, index 0. */
    static AgentDecision parse(String token, long height) {
        String[] parts = token.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("decision '" + token + "' is not rank:agent:action:rule");
        }
        return decision(Rank.fromWireName(parts[0]), parts[1], DecisionAction.fromWireName(parts[2]), parts[3],
                height, 0);
    }

    /** Settles {@code decisions} in order, one height each from 1, with {@code rules}; the settlements in order. */
    static List<Settlement> settleAll(SettlementRules rules, List<AgentDecision> decisions, ArbitrationState[] end) {
        ArbitrationState state = ArbitrationState.empty(DEVICE);
        List<Settlement> settlements = new ArrayList<>();
        for (AgentDecision decision : decisions) {
            Settlement settlement = rules.settle(state, decision, decision.height(), decision.index());
            settlements.add(settlement);
            state = state.after(settlement);
        }
        if (end != null) {
            end[0] = state;
        }
        return settlements;
    }
}
