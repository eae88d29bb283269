package org.fogledger.ledger.contract.authority;

import static org.fogledger.ledger.contract.authority.AuthorityHarness.DEVICE_AGENT;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.REGION_FR;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.ROOT;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.SITE_LYON;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.expectOk;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.expectRefused;
import static org.fogledger.ledger.contract.authority.AuthorityHarness.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fogledger.ledger.contract.registry.Declaration;
import org.fogledger.ledger.contract.registry.Verdict;
import org.junit.jupiter.api.Test;

/** Agents' declarations, relayed to the registry, which checks the device lies within the agent's jurisdiction. */
class AgentDeclarationTest {
    static final String IN_LYON = "/eu/fr/lyon/hospital-a/ward-3";
    static final String IN_BERLIN = "/eu/de/berlin/clinic-b";

    @Test
    void a_site_agent_blocks_a_device_in_its_jurisdiction_and_the_registry_answers_blocked() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        authority.register("dev-1", IN_LYON);
        assertEquals(Verdict.REJECTED, authority.legitimacy("dev-1").verdict());
        AuthorityHarness.Relay relay = authority.declare(SITE_LYON, "dev-1", Declaration.BLOCKED, null);
        expectOk(relay.authority());
        assertEquals("{\"declaration\":\"blocked\",\"deviceId\":\"dev-1\",\"jurisdiction\":\"/eu/fr/lyon\","
                + "\"rank\":\"site\"}", relay.authority().text());
        expectOk(relay.registry());
        assertEquals(Verdict.BLOCKED, authority.legitimacy("dev-1").verdict());
        assertTrue(authority.legitimacy("dev-1").reason().contains("by authority " + hex(SITE_LYON)));
        AuthorityHarness.Relay release = authority.declare(SITE_LYON, "dev-1", Declaration.RELEASED, null);
        expectOk(release.registry());
        assertEquals(Verdict.REJECTED, authority.legitimacy("dev-1").verdict());
    }

    @Test
    void the_registry_refuses_an_agent_outside_its_jurisdiction() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        authority.register("dev-2", IN_BERLIN);
        AuthorityHarness.Relay relay = authority.declare(SITE_LYON, "dev-2", Declaration.BLOCKED, null);
        expectOk(relay.authority());
        expectRefused(relay.registry(), "outside-jurisdiction", "device dev-2 is at '/eu/de/berlin/clinic-b', not"
                + " within the agent's jurisdiction '/eu/fr/lyon' (rank site)");
        assertEquals(Verdict.REJECTED, authority.legitimacy("dev-2").verdict());
    }

    @Test
    void an_agent_whose_chain_is_revoked_cannot_declare() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        authority.register("dev-1", IN_LYON);
        expectOk(authority.revoke(ROOT, REGION_FR));
        AuthorityHarness.Relay relay = authority.declare(SITE_LYON, "dev-1", Declaration.BLOCKED, null);
        assertEquals("not-authorised", relay.authority().code());
        assertTrue(relay.authority().text().contains("has no valid authority: link " + hex(REGION_FR)),
                relay.authority().text());
        assertNull(relay.registry(), "nothing is relayed");
        assertEquals(Verdict.REJECTED, authority.legitimacy("dev-1").verdict());
    }

    @Test
    void ranks_may_make_only_the_declarations_of_their_table() {
        AuthorityHarness authority = new AuthorityHarness().rootRegionSite();
        expectOk(authority.delegate(SITE_LYON, DEVICE_AGENT, Rank.DEVICE, "/eu/fr/lyon"));
        authority.register("dev-1", IN_LYON);
        expectRefused(authority.declare(DEVICE_AGENT, "dev-1", Declaration.BLOCKED, null).authority(),
                "not-authorised", "authority.declare: an agent of rank device may not declare blocked; it may"
                        + " declare nothing");
        expectRefused(authority.declare(SITE_LYON, "dev-1", Declaration.DESTROYED, null).authority(),
                "not-authorised", "authority.declare: an agent of rank site may not declare destroyed; it may"
                        + " declare [commissioned, shipped, received, stored, installed, public-access, obsolete,"
                        + " decommissioned, blocked, released]");
        assertEquals("not-authorised", authority.declare(REGION_FR, "dev-1", Declaration.STOLEN, null)
                .authority().code());
        expectOk(authority.declare(REGION_FR, "dev-1", Declaration.DESTROYED, null).registry());
        assertEquals(Verdict.REJECTED, authority.legitimacy("dev-1").verdict());
    }

    @Test
    void sites_may_do_what_roots_and_regions_may_but_destroy_and_devices_declare_nothing() {
        for (Declaration declaration : Declaration.values()) {
            assertEquals(AgentDeclarationRights.may(Rank.ROOT, declaration) && declaration != Declaration.DESTROYED,
                    AgentDeclarationRights.may(Rank.SITE, declaration), declaration::toString);
            assertEquals(AgentDeclarationRights.may(Rank.ROOT, declaration),
                    AgentDeclarationRights.may(Rank.REGION, declaration), declaration::toString);
        }
        assertTrue(AgentDeclarationRights.mayDeclare(Rank.DEVICE).isEmpty());
        for (Declaration ownersOnly : new Declaration[] {Declaration.STOLEN, Declaration.RECOVERED,
                Declaration.REGISTERED, Declaration.RESOLD}) {
            for (Rank rank : Rank.values()) {
                assertTrue(!AgentDeclarationRights.may(rank, ownersOnly), rank + " " + ownersOnly);
            }
        }
    }
}
