package org.fogledger.ledger.contract.authority;

import static org.fogledger.ledger.contract.authority.AuthorityHarness.DEVICE_AGENT;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.REGION_DE;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.REGION_FR;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.ROOT;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.SITE_LYON;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.STRANGER;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.expectOk;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.expectRefused;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.hex;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.ranks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.junit.jupiter.api.Test;

/** Delegation, narrowing, ranks, revocation and its cascade, expiry and re-delegation, through signed transactions. */
class DelegationTest {

    @Test
    void a_root_delegates_a_region_which_delegates_a_site() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        ChainAnswer site = authority.authorityOf(SITE_LYON);
        assertTrue(site.valid(), site::reason);
        assertEquals(List.of(Rank.ROOT, Rank.REGION, Rank.SITE), ranks(site));
        assertEquals(List.of("/", "/eu/fr", "/eu/fr/lyon"),
                site.chain().stream().map(Delegation::jurisdiction).toList());
        assertEquals(ROOT.publicKey(), site.chain().get(1).delegator());
        assertEquals(REGION_FR.publicKey(), site.chain().get(2).delegator());
        expectOk(authority.delegate(SITE_LYON, DEVICE_AGENT, Rank.DEVICE, "/eu/fr/lyon/hospital-a"));
        assertEquals(4, authority.authorityOf(DEVICE_AGENT).chain().size());
    }

    @Test
    void a_delegation_may_only_narrow_the_delegators_jurisdiction() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        expectRefused(authority.delegate(REGION_FR, STRANGER, Rank.SITE, "/eu/de"), "outside-jurisdiction",
                "authority.delegate: jurisdiction '/eu/de' is not within your '/eu/fr'");
        expectRefused(authority.delegate(REGION_FR, STRANGER, Rank.SITE, "/eu"), "outside-jurisdiction",
                "authority.delegate: jurisdiction '/eu' is not within your '/eu/fr'");
        expectRefused(authority.delegate(REGION_FR, STRANGER, Rank.SITE, "/eu/frx"), "outside-jurisdiction",
                "authority.delegate: jurisdiction '/eu/frx' is not within your '/eu/fr'");
        expectOk(authority.delegate(REGION_FR, STRANGER, Rank.SITE, "/eu/fr"));
    }

    @Test
    void a_delegation_must_be_of_a_strictly_lower_rank() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        expectRefused(authority.delegate(REGION_FR, STRANGER, Rank.REGION, "/eu/fr/paris"), "rank-not-below",
                "authority.delegate: rank region is not below yours (region)");
        expectRefused(authority.delegate(SITE_LYON, STRANGER, Rank.REGION, "/eu/fr/lyon"), "rank-not-below",
                "authority.delegate: rank region is not below yours (site)");
        expectRefused(authority.delegate(ROOT, STRANGER, Rank.ROOT, "/eu"), "rank-not-below",
                "authority.delegate: rank root is held by the operators fixed at genesis only; it cannot be"
                        + " delegated");
        expectOk(authority.delegate(ROOT, STRANGER, Rank.SITE, "/eu/it"));
    }

    @Test
    void a_key_without_authority_cannot_delegate() {
        AuthorityHarness authority = new AuthorityHarness();
        expectRefused(authority.delegate(STRANGER, DEVICE_AGENT, Rank.DEVICE, "/eu"), "not-authorised",
                "authority.delegate: delegator " + hex(STRANGER) + " has no valid authority: " + hex(STRANGER)
                        + " holds no delegation");
    }

    @Test
    void revoking_a_region_cascades_to_every_agent_below_it() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        expectOk(authority.delegate(SITE_LYON, DEVICE_AGENT, Rank.DEVICE, "/eu/fr/lyon"));
        expectOk(authority.revoke(ROOT, REGION_FR));
        long revokedAt = 4;
        for (var agent : List.of(REGION_FR, SITE_LYON, DEVICE_AGENT)) {
            ChainAnswer answer = authority.authorityOf(agent);
            assertFalse(answer.valid(), () -> hex(agent) + " kept authority through a revoked region");
            assertEquals("link " + hex(REGION_FR) + " (region /eu/fr, from " + hex(ROOT) + " at height 1) revoked"
                    + " at height " + revokedAt + " by " + hex(ROOT), answer.reason());
        }
        expectRefused(authority.delegate(SITE_LYON, STRANGER, Rank.DEVICE, "/eu/fr/lyon"), "not-authorised",
                "authority.delegate: delegator " + hex(SITE_LYON) + " has no valid authority: link "
                        + hex(REGION_FR) + " (region /eu/fr, from " + hex(ROOT) + " at height 1) revoked at height 4"
                        + " by " + hex(ROOT));
    }

    @Test
    void the_delegator_or_any_ancestor_may_revoke_nobody_else() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        expectOk(authority.delegate(ROOT, REGION_DE, Rank.REGION, "/eu/de"));
        ContractResult sideways = authority.revoke(REGION_DE, SITE_LYON);
        assertEquals("not-authorised", sideways.code());
        assertTrue(sideways.text().endsWith("may be revoked by its delegator or an ancestor in its chain, not by "
                + hex(REGION_DE)), sideways.text());
        assertEquals("not-authorised", authority.revoke(SITE_LYON, REGION_FR).code(), "upwards");
        assertEquals("not-authorised", authority.revoke(SITE_LYON, SITE_LYON).code(), "itself");
        expectOk(authority.revoke(ROOT, SITE_LYON));
        assertEquals("already-revoked", authority.revoke(REGION_FR, SITE_LYON).code());
        assertTrue(authority.authorityOf(REGION_FR).valid());
        assertEquals("agent-is-root", authority.revoke(REGION_FR, ROOT).code());
    }

    @Test
    void a_link_holds_until_its_expiry_and_not_at_it() {
        AuthorityHarness authority = new AuthorityHarness();
        long expiry = authority.blockTimeMillis() + 3_000;
        expectOk(authority.delegate(ROOT, REGION_FR, Rank.REGION, "/eu/fr", expiry));
        expectOk(authority.delegate(REGION_FR, SITE_LYON, Rank.SITE, "/eu/fr/lyon"));
        assertEquals(expiry - 1_000, authority.blockTimeMillis());
        assertTrue(authority.authorityOf(SITE_LYON).valid());
        ContractResult atExpiry = authority.delegate(SITE_LYON, DEVICE_AGENT, Rank.DEVICE, "/eu/fr/lyon");
        expectRefused(atExpiry, "not-authorised", "authority.delegate: delegator " + hex(SITE_LYON)
                + " has no valid authority: link " + hex(REGION_FR) + " (region /eu/fr, from " + hex(ROOT)
                + " at height 1) expired at block time " + expiry + " (now " + expiry + ")");
        assertFalse(authority.authorityOf(SITE_LYON).valid());
        assertEquals("invalid-expiry", authority.delegate(ROOT, REGION_DE, Rank.REGION, "/eu/de",
                authority.blockTimeMillis() + 1_000).code(), "an expiry at the block's own time never holds");
    }

    @Test
    void re_delegation_replaces_the_link_and_what_it_no_longer_covers_falls_away() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        ContractResult replaced = authority.delegate(ROOT, REGION_FR, Rank.REGION, "/eu/fr/paris");
        assertEquals("redelegated", replaced.code());
        ChainAnswer site = authority.authorityOf(SITE_LYON);
        assertFalse(site.valid());
        assertEquals("link " + hex(SITE_LYON) + " (site /eu/fr/lyon, from " + hex(REGION_FR) + " at height 2) has"
                + " jurisdiction '/eu/fr/lyon', not within its delegator's '/eu/fr/paris'", site.reason());
        expectOk(authority.delegate(ROOT, REGION_FR, Rank.SITE, "/eu/fr"));
        assertEquals("link " + hex(SITE_LYON) + " (site /eu/fr/lyon, from " + hex(REGION_FR) + " at height 2) has"
                + " rank site, not below its delegator's rank site", authority.authorityOf(SITE_LYON).reason());
    }

    @Test
    void only_the_delegator_or_an_ancestor_may_replace_a_link_in_force() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        expectOk(authority.delegate(ROOT, REGION_DE, Rank.REGION, "/eu"));
        ContractResult steal = authority.delegate(REGION_DE, SITE_LYON, Rank.SITE, "/eu/de");
        assertEquals("not-authorised", steal.code());
        assertTrue(steal.text().endsWith("only its delegator or an ancestor in its chain may replace it"),
                steal.text());
        expectOk(authority.delegate(ROOT, SITE_LYON, Rank.SITE, "/eu/de/berlin"));
        assertEquals(ROOT.publicKey(), authority.authorityOf(SITE_LYON).link().delegator());
    }

    @Test
    void a_revoked_agent_may_be_delegated_afresh() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        expectOk(authority.revoke(REGION_FR, SITE_LYON));
        assertFalse(authority.authorityOf(SITE_LYON).valid());
        expectOk(authority.delegate(REGION_FR, SITE_LYON, Rank.SITE, "/eu/fr/grenoble"));
        ChainAnswer site = authority.authorityOf(SITE_LYON);
        assertTrue(site.valid(), site::reason);
        assertEquals("/eu/fr/grenoble", site.link().jurisdiction());
    }

    @Test
    void an_agent_in_the_delegators_chain_or_the_delegator_itself_cannot_be_delegated_to() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        assertEquals("self-delegation", authority.delegate(SITE_LYON, SITE_LYON, Rank.DEVICE, "/eu/fr/lyon").code());
        assertEquals("agent-is-root", authority.delegate(REGION_FR, ROOT, Rank.SITE, "/eu/fr").code());
        expectRefused(authority.delegate(SITE_LYON, REGION_FR, Rank.DEVICE, "/eu/fr/lyon"), "delegation-loop",
                "authority.delegate: agent " + hex(REGION_FR) + " is in your own chain of authority");
    }

    @Test
    void query_agents_lists_the_links_under_a_jurisdiction() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        expectOk(authority.delegate(ROOT, REGION_DE, Rank.REGION, "/eu/de"));
        String fr = new String(authority.query("agents", new AuthorityCommand.AgentsUnder("/eu/fr")));
        assertTrue(fr.contains(hex(REGION_FR)) && fr.contains(hex(SITE_LYON)), fr);
        assertFalse(fr.contains(hex(REGION_DE)) || fr.contains("\"rank\":\"root\""), fr);
        String all = new String(authority.query("agents", new AuthorityCommand.AgentsUnder("/")));
        assertTrue(all.contains(hex(ROOT)) && all.contains(hex(REGION_DE)), all);
        assertTrue(all.contains("\"truncated\":false"), all);
    }

    @Test
    void malformed_payloads_name_the_field() {
        AuthorityHarness authority = new AuthorityHarness();
        ContractResult noRank = authority.block(ROOT, "authority", "delegate",
                java.util.Map.of("agent", hex(REGION_FR), "jurisdiction", "/eu")).forTransaction(0).result();
        expectRefused(noRank, "malformed-payload", "authority.delegate: field 'rank' is required");
        ContractResult badPath = authority.delegate(ROOT, REGION_FR, Rank.REGION, "/eu/");
        assertEquals("malformed-payload", badPath.code());
        assertTrue(badPath.text().startsWith("authority.delegate: field 'jurisdiction'"), badPath.text());
        ContractResult badRank = authority.block(ROOT, "authority", "delegate", java.util.Map.of("agent",
                hex(REGION_FR), "jurisdiction", "/eu", "rank", "emperor")).forTransaction(0).result();
        assertEquals("malformed-payload", badRank.code(), badRank.text());
        assertTrue(new String(ContractJson.write(authority.authorityOf(STRANGER))).contains("holds no delegation"));
    }
}
