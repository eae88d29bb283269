package org.fogledger.agents.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.consent.Recipient;
import org.fogledger.ledger.contract.policy.EffectivePolicy;
import org.fogledger.ledger.contract.policy.Sourced;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Test;

/** The ledger's effective policy as the gateway enforces it: bounds, rates, sharing lists, and who set each. */
class PolicyMappingTest {
    private static final String REGION = "/eu/fr@2 (region)";
    private static final String SITE = "/eu/fr/lyon@1 (site)";
    private static final KeyPair HOSPITAL = KeyPair.generate();
    private static final KeyPair INSURER = KeyPair.generate();

    /** The region's policy at a device in Lyon, with the site's narrower sharing list. */
    private static EffectivePolicy lyon() {
        TreeMap<String, String> deniedPurposes = new TreeMap<>();
        deniedPurposes.put("MARKT", REGION);
        TreeMap<String, String> deniedRecipients = new TreeMap<>();
        deniedRecipients.put("insurer-x", REGION);
        return new EffectivePolicy("/eu/fr/lyon/ward-3", List.of(REGION, SITE),
                new Sourced<>("2.0", List.of(REGION)), new Sourced<>(3, List.of(SITE)),
                new Sourced<>(120, List.of(REGION)), new Sourced<>(List.of("HRESCH", "TREAT"), List.of(REGION, SITE)),
                deniedPurposes, null, deniedRecipients, new TreeMap<>(), new TreeMap<>());
    }

    private static Recipient hospital() {
        return new Recipient(HOSPITAL.publicKey(), "cardiologist", "hospital-a");
    }

    private static Recipient insurer() {
        return new Recipient(INSURER.publicKey(), "underwriter", "insurer-x");
    }

    @Test
    void theLedgersBoundsWinWhereTheyAreStricterAndNameThePolicy() {
        DevicePolicy policy = PolicyMapping.map(GatewayPolicy.defaults().withMinimumFirmware("1.5"), lyon());

        assertEquals("2.0", policy.firmwareMinimum());
        assertEquals("firmware 1.9 is older than the minimum 2.0 set by policy " + REGION,
                policy.firmwareRefusal("1.9"));
        assertNull(policy.firmwareRefusal("2.0.0"));
        assertEquals(3, policy.quarantineAfter());
        assertEquals("policy " + SITE, policy.quarantineSource());
        assertEquals(120, policy.maxReadingsPerMinute());
        assertEquals("rate limit: at most 120 readings per minute set by policy " + REGION,
                policy.rateRefusal(0, 120));
        assertNull(policy.rateRefusal(0, 119));
        assertEquals(List.of(REGION, SITE), policy.policies());
    }

    @Test
    void theGatewaysOwnBoundsStayWhenTheyAreStricter() {
        DevicePolicy policy = PolicyMapping.map(GatewayPolicy.defaults().withMinimumFirmware("3.1")
                .withQuarantineAfter(2), lyon());

        assertEquals("3.1", policy.firmwareMinimum());
        assertEquals("gateway configuration", policy.firmwareSource());
        assertEquals(2, policy.quarantineAfter());
        assertEquals("gateway configuration", policy.quarantineSource());
    }

    @Test
    void withoutAPolicyOnlyTheGatewaysOwnApplies() {
        DevicePolicy policy = PolicyMapping.map(GatewayPolicy.defaults(), null);

        assertNull(policy.firmwareRefusal("0.1"));
        assertNull(policy.maxReadingsPerMinute());
        assertNull(policy.sharingRefusal("MARKT", insurer()));
        assertEquals(5, policy.quarantineAfter());
    }

    @Test
    void sharingRefusalsNameThePolicyAndTheRule() {
        DevicePolicy policy = PolicyMapping.map(GatewayPolicy.defaults(), lyon());

        assertNull(policy.sharingRefusal("TREAT", hospital()));
        assertEquals("policy " + REGION + " denies recipient insurer-x (rules.sharing.deniedRecipients)",
                policy.sharingRefusal("TREAT", insurer()));
        assertEquals("policy " + REGION + " denies purpose MARKT (rules.sharing.deniedPurposes)",
                policy.sharingRefusal("MARKT", hospital()));
        assertEquals("policy " + REGION + " and " + SITE + " allows only purposes [HRESCH, TREAT], not ETREAT "
                + "(rules.sharing.allowedPurposes)", policy.sharingRefusal("ETREAT", hospital()));
    }

    @Test
    void aRecipientIsNamedByItsOrganisationOrByItsKey() {
        TreeMap<String, String> deniedByKey = new TreeMap<>();
        deniedByKey.put(ContractJson.hex(INSURER.publicKey()), REGION);
        EffectivePolicy byKey = new EffectivePolicy("/eu", List.of(REGION), null, null, null, null, new TreeMap<>(),
                new Sourced<>(List.of("hospital-a"), List.of(REGION)), deniedByKey, new TreeMap<>(),
                new TreeMap<>());
        DevicePolicy policy = PolicyMapping.map(GatewayPolicy.defaults(), byKey);

        assertNull(policy.sharingRefusal("TREAT", hospital()));
        assertTrue(policy.sharingRefusal("TREAT", new Recipient(INSURER.publicKey(), "x", "hospital-a"))
                .contains("denies recipient " + ContractJson.hex(INSURER.publicKey())));
        assertTrue(policy.sharingRefusal("TREAT", new Recipient(KeyPair.generate().publicKey(), "x", "lab-b"))
                .contains("allows only recipients [hospital-a]"));
    }

    /** What a mapping must keep of the effective policy; the violations of {@code mapping}, empty if none. */
    static List<String> violations(BiFunction<GatewayPolicy, EffectivePolicy, DevicePolicy> mapping) {
        List<String> violations = new ArrayList<>();
        DevicePolicy policy = mapping.apply(GatewayPolicy.defaults(), lyon());
        if (policy.firmwareRefusal("1.9") == null) {
            violations.add("firmware below the minimum admitted");
        }
        if (policy.quarantineAfter() != 3) {
            violations.add("quarantine threshold " + policy.quarantineAfter() + " instead of 3");
        }
        if (policy.rateRefusal(0, 120) == null) {
            violations.add("telemetry rate not enforced");
        }
        if (policy.sharingRefusal("MARKT", hospital()) == null) {
            violations.add("denied purpose let through");
        }
        if (policy.sharingRefusal("TREAT", insurer()) == null) {
            violations.add("denied recipient let through");
        }
        if (policy.sharingRefusal("ETREAT", hospital()) == null) {
            violations.add("purpose outside the allow-list let through");
        }
        return violations;
    }

    @Test
    void theRealMappingKeepsEveryRule() {
        assertEquals(List.of(), violations(PolicyMapping::map));
    }

    /** The planted bug: a mapping that drops the denied recipients lets the insurer through, and is caught. */
    @Test
    void aMappingThatIgnoresDeniedRecipientsIsCaught() {
        BiFunction<GatewayPolicy, EffectivePolicy, DevicePolicy> ignoresDeniedRecipients = (local, effective) -> {
            DevicePolicy real = PolicyMapping.map(local, effective);
            return new DevicePolicy(real.firmwareMinimum(), real.firmwareSource(), real.quarantineAfter(),
                    real.quarantineSource(), real.maxReadingsPerSecond(), real.maxReadingsPerMinute(),
                    real.rateSource(), real.allowedPurposes(), real.allowedPurposesSource(), real.deniedPurposes(),
                    real.allowedRecipients(), real.allowedRecipientsSource(), new TreeMap<>(), real.policies());
        };

        assertEquals(List.of("denied recipient let through"), violations(ignoresDeniedRecipients));
    }
}
