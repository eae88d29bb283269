package org.fogledger.ledger.contract.arbitration;

import static org.fogledger.ledger.contract.arbitration.ArbitrationHarness.OWNER;
import static org.fogledger.ledger.contract.arbitration.ArbitrationHarness.REGION_FR;
import static org.fogledger.ledger.contract.arbitration.ArbitrationHarness.ROOT;
import static org.fogledger.ledger.contract.arbitration.ArbitrationHarness.SITE_LYON_A;
import static org.fogledger.ledger.contract.arbitration.ArbitrationHarness.SITE_LYON_B;
import static org.fogledger.ledger.contract.arbitration.ArbitrationHarness.SITE_PARIS;
import static org.fogledger.ledger.contract.arbitration.ArbitrationHarness.decide;
import static org.fogledger.ledger.contract.arbitration.ArbitrationHarness.expectOk;
import static org.fogledger.ledger.contract.arbitration.ArbitrationHarness.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.contract.authority.AuthorityCommand;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.Declaration;
import org.fogledger.ledger.contract.registry.DeviceHold;
import org.fogledger.ledger.contract.registry.Legitimacy;
import org.fogledger.ledger.contract.registry.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Cells of the conflict matrix end to end: agents' signed {@code decide} transactions through the real authority
 * and registry to the arbitration, which enacts the outcome on the registry; the registry's legitimacy verdict is
 * what a gateway acts on.
 */
class ArbitrationEndToEndTest {
    static final String DEVICE = "meter-7";

    private static ExecutionRecord record(BlockResults results, String address, String command, int nth) {
        List<ExecutionRecord> matching = results.records().stream()
                .filter(r -> r.address().equals(address) && r.command().equals(command)).toList();
        assertTrue(matching.size() > nth, () -> "no " + address + "." + command + " #" + nth + " in "
                + results.records());
        return matching.get(nth);
    }

    @Test
    void two_sites_in_one_block_the_first_committed_stands_and_the_registry_blocks_the_device() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        assertEquals(Verdict.ADMITTED, ledger.legitimacy(DEVICE).verdict());
        BlockResults results = ledger.block(decide(SITE_LYON_A, DEVICE, DecisionAction.BLOCK),
                decide(SITE_LYON_B, DEVICE, DecisionAction.ADMIT));
        expectOk(results.forTransaction(0).result());
        expectOk(results.forTransaction(1).result());
        assertEquals("stands", record(results, "arbitration/" + DEVICE, "settle", 0).result().code());
        ContractResult lost = record(results, "arbitration/" + DEVICE, "settle", 1).result();
        assertEquals("lost", lost.code());
        Settlement loser = ContractJson.readTrusted(lost.data(), Settlement.class);
        assertEquals(Arbitration.FIRST_COMMITTED, loser.code());
        assertTrue(loser.reason().contains("first committed block by site " + hex(SITE_LYON_A) + " (height "
                + ledger.height() + " index 0)"), loser.reason());
        // executions in the block: the two decide txs (0, 1), registry vet-decision (2, 3), policy vet-decision
        // (4, 5), settle (6, 7), enact (8)
        assertEquals("enacted", record(results, "registry/" + DEVICE, "enact", 0).result().code());

        Legitimacy legitimacy = ledger.legitimacy(DEVICE);
        assertEquals(Verdict.BLOCKED, legitimacy.verdict());
        assertTrue(legitimacy.reason().startsWith("blocked by arbitration at height " + ledger.height()
                + " index 8, deciding agent " + hex(SITE_LYON_A) + ": block by site"), legitimacy.reason());
        assertEquals(hex(SITE_LYON_A), ContractJson.hex(legitimacy.decidedBy().declarer()));

        List<Settlement> outcomes = ledger.outcomes(DEVICE, ledger.height());
        assertEquals(List.of(SettlementVerdict.STANDS, SettlementVerdict.LOST),
                outcomes.stream().map(Settlement::verdict).toList());
        assertEquals(DeviceHold.BLOCKED, ledger.standing(DEVICE).hold());
    }

    @Test
    void a_region_in_a_later_block_overturns_a_sites_block_and_the_registry_admits_again() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        ledger.block(decide(SITE_LYON_A, DEVICE, DecisionAction.BLOCK));
        assertEquals(Verdict.BLOCKED, ledger.legitimacy(DEVICE).verdict());
        BlockResults results = ledger.block(decide(REGION_FR, DEVICE, DecisionAction.RELEASE));
        Settlement won = ContractJson.readTrusted(record(results, "arbitration/" + DEVICE, "settle", 0).result()
                .data(), Settlement.class);
        assertEquals(SettlementVerdict.WON, won.verdict());
        assertEquals(Arbitration.OUTRANKS, won.code());
        assertEquals(hex(SITE_LYON_A), ContractJson.hex(won.overturned().get(0).decision().agent()));
        assertEquals(Verdict.ADMITTED, ledger.legitimacy(DEVICE).verdict());
        assertEquals(DeviceHold.OPEN, ledger.standing(DEVICE).hold());

        Settlement lost = ContractJson.readTrusted(record(ledger.block(decide(SITE_LYON_B, DEVICE,
                DecisionAction.BLOCK)), "arbitration/" + DEVICE, "settle", 0).result().data(), Settlement.class);
        assertEquals(Arbitration.OUTRANKED, lost.code(), "the region's release stands above a site's new block");
        assertEquals(Verdict.ADMITTED, ledger.legitimacy(DEVICE).verdict());
    }

    @Test
    void a_region_quarantine_is_reported_as_quarantined_by_arbitration() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        ledger.block(decide(SITE_LYON_A, DEVICE, DecisionAction.BLOCK), decide(REGION_FR, DEVICE,
                DecisionAction.QUARANTINE));
        Legitimacy legitimacy = ledger.legitimacy(DEVICE);
        assertEquals(Verdict.BLOCKED, legitimacy.verdict());
        assertTrue(legitimacy.reason().startsWith("quarantined by arbitration"), legitimacy.reason());
        assertTrue(legitimacy.reason().contains("deciding agent " + hex(REGION_FR)), legitimacy.reason());
        assertEquals(DeviceHold.QUARANTINED, ledger.standing(DEVICE).hold());
        assertEquals(1, ledger.standing(DEVICE).holdDecidedBy().size());
    }

    @Test
    void an_agent_outside_its_jurisdiction_loses_with_the_registrys_reason_and_nothing_changes() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        BlockResults results = ledger.block(decide(SITE_PARIS, DEVICE, DecisionAction.BLOCK));
        expectOk(results.forTransaction(0).result());
        assertEquals("decision-refused", record(results, "registry/" + DEVICE, "vet-decision", 0).result().code());
        Settlement rejected = ContractJson.readTrusted(record(results, "arbitration/" + DEVICE, "settle", 0)
                .result().data(), Settlement.class);
        assertEquals(SettlementVerdict.REJECTED, rejected.verdict());
        assertEquals("illegitimate: device " + DEVICE + " is at '" + ArbitrationHarness.WARD + "', not within the"
                + " agent's jurisdiction '/eu/fr/paris' (rank site)", rejected.reason());
        assertEquals(Verdict.ADMITTED, ledger.legitimacy(DEVICE).verdict());
        assertTrue(ledger.standing(DEVICE).standing().isEmpty());
    }

    @Test
    void a_revoked_agents_decision_is_a_refused_transaction_and_never_reaches_the_arbitration() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        expectOk(ledger.single(new ArbitrationHarness.Tx(REGION_FR, "authority", "revoke",
                new AuthorityCommand.Revoke(SITE_LYON_A.publicKey()))));
        BlockResults results = ledger.block(decide(SITE_LYON_A, DEVICE, DecisionAction.BLOCK));
        ContractResult refused = results.forTransaction(0).result();
        assertEquals("not-authorised", refused.code());
        assertTrue(refused.text().startsWith("authority.decide: agent " + hex(SITE_LYON_A) + " has no valid"
                + " authority: link " + hex(SITE_LYON_A)), refused.text());
        assertEquals(1, results.records().size(), "nothing relayed");
        assertEquals(0, ledger.standing(DEVICE).settledCount());
    }

    @Test
    void a_decision_about_an_unregistered_device_is_rejected_on_the_record() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        ledger.block(decide(REGION_FR, "ghost", DecisionAction.BLOCK));
        List<Settlement> outcomes = ledger.outcomes("ghost", 0);
        assertEquals(1, outcomes.size());
        assertEquals("illegitimate: device ghost is not registered", outcomes.get(0).reason());
    }

    @Test
    void a_policy_that_does_not_allow_the_action_for_the_rank_rejects_it_on_the_record() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        expectOk(ledger.single(ArbitrationHarness.issuePolicy(REGION_FR, """
                {"scope": "/eu/fr", "version": 1, "rules": {"decisionRights": {"site": ["quarantine", "release"]}}}
                """)));
        BlockResults results = ledger.block(decide(SITE_LYON_A, DEVICE, DecisionAction.BLOCK));
        Settlement rejected = ContractJson.readTrusted(record(results, "arbitration/" + DEVICE, "settle", 0)
                .result().data(), Settlement.class);
        assertEquals(Arbitration.NOT_ALLOWED, rejected.code());
        assertTrue(rejected.reason().startsWith("not allowed: ") && rejected.reason().contains("/eu/fr@1"),
                rejected.reason());
        assertEquals(Verdict.ADMITTED, ledger.legitimacy(DEVICE).verdict());
    }

    @Test
    void under_a_policy_asking_a_quorum_of_two_sites_to_block_one_site_alone_blocks_nothing() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        expectOk(ledger.single(ArbitrationHarness.issuePolicy(ROOT, """
                {"scope": "/eu", "version": 1, "rules": {"equalRanks": {"block": {"rule": "quorum", "k": 2}}}}
                """)));
        ledger.block(decide(SITE_LYON_A, DEVICE, DecisionAction.BLOCK));
        assertEquals(Verdict.ADMITTED, ledger.legitimacy(DEVICE).verdict(), "one vote of two: pending");
        ledger.block(decide(SITE_LYON_A, DEVICE, DecisionAction.BLOCK));
        assertEquals(Verdict.ADMITTED, ledger.legitimacy(DEVICE).verdict(), "the same agent again: still pending");
        ledger.block(decide(SITE_LYON_B, DEVICE, DecisionAction.BLOCK));
        assertEquals(Verdict.BLOCKED, ledger.legitimacy(DEVICE).verdict());
        assertEquals(2, ledger.standing(DEVICE).holdDecidedBy().get(0).deciders().size());
        assertTrue(ledger.standing(DEVICE).pending().isEmpty());
    }

    @Test
    void settle_is_refused_from_a_transaction_and_from_any_contract_but_the_policy() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        AgentDecision forged = new AgentDecision(DEVICE, ROOT.publicKey(), Rank.ROOT, "/", DecisionAction.BLOCK,
                null, 1, 0, ArbitrationHarness.WARD, null, PolicyRuling.withoutPolicy(DecisionAction.BLOCK));
        ContractResult direct = ledger.single(new ArbitrationHarness.Tx(OWNER, "arbitration/" + DEVICE, "settle",
                forged));
        assertEquals("not-authorised", direct.code());
        assertEquals("arbitration.settle is accepted from policy/_ only, not from a"
                + " transaction signed by " + hex(OWNER), direct.text());
        BlockResults viaImpostor = ledger.block(new ArbitrationHarness.Tx(OWNER, "impostor", "relay", forged));
        assertEquals("not-authorised", record(viaImpostor, "arbitration/" + DEVICE, "settle", 0).result().code());
        assertEquals(Verdict.ADMITTED, ledger.legitimacy(DEVICE).verdict());
    }

    @Test
    void the_registry_takes_enact_from_the_devices_arbitration_only_and_vet_decision_from_the_authority_only() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        AgentDecision decision = new AgentDecision(DEVICE, ROOT.publicKey(), Rank.ROOT, "/", DecisionAction.BLOCK,
                null, 1, 0, null, null, null);
        ContractResult enact = ledger.single(new ArbitrationHarness.Tx(OWNER, "registry/" + DEVICE, "enact",
                new Enactment(DEVICE, DeviceHold.BLOCKED, decision, "because")));
        assertEquals("not-authorised", enact.code());
        assertEquals("registry.enact is accepted from arbitration/" + DEVICE + " only, not from a transaction"
                + " signed by " + hex(OWNER), enact.text());
        ContractResult vet = ledger.single(new ArbitrationHarness.Tx(OWNER, "registry/" + DEVICE, "vet-decision",
                decision));
        assertEquals("not-authorised", vet.code());
        assertEquals(Verdict.ADMITTED, ledger.legitimacy(DEVICE).verdict());
    }

    @Test
    void the_arbitration_hold_and_a_declared_block_are_apart_neither_lifts_the_other() {
        ArbitrationHarness ledger = new ArbitrationHarness().withAgentsAndDevice(DEVICE);
        expectOk(ledger.owner(DEVICE, Declaration.BLOCKED, null));
        ledger.block(decide(REGION_FR, DEVICE, DecisionAction.RELEASE));
        assertEquals(Verdict.BLOCKED, ledger.legitimacy(DEVICE).verdict(), "an arbitration release leaves the"
                + " owner's declared block");
        assertTrue(ledger.legitimacy(DEVICE).reason().startsWith("blocked (blocked at height"));

        ledger.block(decide(ROOT, DEVICE, DecisionAction.BLOCK));
        expectOk(ledger.owner(DEVICE, Declaration.RELEASED, null));
        Legitimacy legitimacy = ledger.legitimacy(DEVICE);
        assertEquals(Verdict.BLOCKED, legitimacy.verdict(), "the owner's release leaves the arbitration's block");
        assertTrue(legitimacy.reason().startsWith("blocked by arbitration"), legitimacy.reason());
        ContractResult ownerAgain = ledger.owner(DEVICE, Declaration.RELEASED, null);
        assertEquals("illegal-transition", ownerAgain.code(), "no declared block is left to release");
        assertFalse(ownerAgain.ok());
    }
}
