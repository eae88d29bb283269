package org.fogledger.ledger.contract.authority;

import static org.fogledger.ledger.contract.authority.AuthorityHarness.REGION_FR;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.ROOT;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.SITE_LYON;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.expectOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.registry.Declaration;
import org.fogledger.ledger.contract.registry.Verdict;
import org.junit.jupiter.api.Test;

/** The cascade checks catch a chain checker that ignores the revocation of an intermediate link. */
class PlantedChainCheckerTest {

    /** Revoke the region; its site must neither hold authority nor block a device in Lyon. */
    static void revokingTheRegionCutsOffItsSite(AuthorityHarness authority) {
        authority.rootRegionSite();
        authority.register("dev-1", "/eu/fr/lyon/ward-1");
        expectOk(authority.revoke(ROOT, REGION_FR));
        assertFalse(authority.authorityOf(SITE_LYON).valid(), "the site kept authority through a revoked region");
        AuthorityHarness.Relay relay = authority.declare(SITE_LYON, "dev-1", Declaration.BLOCKED, null);
        assertEquals("not-authorised", relay.authority().code());
        assertNull(relay.registry());
        assertEquals(Verdict.REJECTED, authority.legitimacy("dev-1").verdict());
    }

    @Test
    void the_real_checker_passes() {
        revokingTheRegionCutsOffItsSite(new AuthorityHarness());
    }

    @Test
    void a_checker_that_ignores_intermediate_revocation_is_caught() {
        AssertionError caught = assertThrows(AssertionError.class,
                () -> revokingTheRegionCutsOffItsSite(new AuthorityHarness(new IgnoresIntermediateRevocation())));
        assertTrue(caught.getMessage().contains("the site kept authority through a revoked region"),
                caught.getMessage());
    }

    @Test
    void the_chain_invariant_catches_the_planted_checker_too() {
        java.util.TreeMap<String, Delegation> roots = new java.util.TreeMap<>();
        roots.put(AuthorityHarness.hex(ROOT), Delegation.root(ROOT.publicKey(), "/"));
        java.util.TreeMap<String, Delegation> links = new java.util.TreeMap<>();
        links.put(AuthorityHarness.hex(REGION_FR), new Delegation(REGION_FR.publicKey(), ROOT.publicKey(),
                Rank.REGION, "/eu/fr", null, 1, 0, 3L, ROOT.publicKey()));
        links.put(AuthorityHarness.hex(SITE_LYON), new Delegation(SITE_LYON.publicKey(), REGION_FR.publicKey(),
                Rank.SITE, "/eu/fr/lyon", null, 2, 0, null, null));
        DelegationGraph graph = new DelegationGraph(roots, links);
        ChainAnswer planted = new IgnoresIntermediateRevocation().authorityOf(graph, SITE_LYON.publicKey(), 10,
                new StepMeter(1_000));
        assertEquals("link 1 was revoked at height 3",
                ChainInvariant.violation(graph, planted, 10).orElseThrow());
        ChainAnswer real = AuthorityChain.INSTANCE.authorityOf(graph, SITE_LYON.publicKey(), 10, new StepMeter(1_000));
        assertTrue(ChainInvariant.violation(graph, real, 10).isEmpty());
        assertFalse(real.valid());
    }
}
