package org.fogledger.ledger.contract.policy;

import static org.fogledger.ledger.contract.arbitration.DecisionAction.BLOCK;
import static org.fogledger.ledger.contract.arbitration.DecisionAction.QUARANTINE;
import static org.fogledger.ledger.contract.arbitration.DecisionAction.RELEASE;
import static org.fogledger.ledger.contract.arbitration.DecisionAction.UPDATE_FIRMWARE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.authority.Rank;
import org.junit.jupiter.api.Test;

/** A lower-rank policy may narrow a higher-rank one, never widen it; each widening names both rules. */
class PolicyNarrowingTest {
    private static final IssuedPolicy REGION = Policies.at("/eu/fr", 3)
            .firmware("2.4.1").quarantineAfter(5).telemetry(120)
            .allowedPurposes("TREAT", "HRESCH").deniedPurposes("MARKT")
            .allowedRecipients("hospital-a", "lab-b").deniedRecipients("insurer-x")
            .rights(Rank.SITE, QUARANTINE, UPDATE_FIRMWARE).quorum(BLOCK, 2).firstCommitted(RELEASE)
            .issuedBy(Rank.REGION);

    private static List<String> widenings(Policies candidate) {
        return PolicyNarrowing.INSTANCE.widenings(candidate.canonical().rules(), List.of(REGION),
                new StepMeter(100_000));
    }

    private static Policies site() {
        return Policies.at("/eu/fr/lyon", 1);
    }

    @Test
    void aDocumentThatSetsNothingNarrowsEverything() {
        assertEquals(List.of(), widenings(site()));
    }

    @Test
    void equalValuesAndStricterValuesNarrow() {
        assertEquals(List.of(), widenings(site().firmware("2.4.1.0").quarantineAfter(5).telemetry(120)));
        assertEquals(List.of(), widenings(site().firmware("2.10").quarantineAfter(1).telemetry(0)
                .allowedPurposes("TREAT").allowedRecipients().deniedRecipients("lab-b", "other")
                .rights(Rank.SITE, QUARANTINE).rights(Rank.DEVICE).quorum(BLOCK, 3).quorum(RELEASE, 2)));
    }

    @Test
    void aLowerFirmwareMinimumWidens() {
        assertEquals(List.of("rules.firmware.minimum 2.4 widens 2.4.1 set by policy /eu/fr@3 (region)"),
                widenings(site().firmware("2.4")));
    }

    @Test
    void firmwareVersionsCompareAsNumbersNotAsText() {
        assertEquals(List.of(), widenings(site().firmware("2.10")));
        assertEquals(List.of("rules.firmware.minimum 2.4.0.9 widens 2.4.1 set by policy /eu/fr@3 (region)"),
                widenings(site().firmware("2.4.0.9")));
    }

    @Test
    void aHigherFailedAuthenticationThresholdWidens() {
        assertEquals(List.of("rules.quarantine.afterFailedAuthentications 6 widens 5 set by policy /eu/fr@3"
                + " (region)"), widenings(site().quarantineAfter(6)));
    }

    @Test
    void aHigherTelemetryRateWidens() {
        assertEquals(List.of("rules.telemetry.maxPerMinute 600 widens 120 set by policy /eu/fr@3 (region)"),
                widenings(site().telemetry(600)));
    }

    @Test
    void allowingAPurposeOrRecipientTheyDoNotAllowWidens() {
        assertEquals(List.of("rules.sharing.allowedPurposes [ETREAT, TREAT] widens [HRESCH, TREAT] set by policy"
                + " /eu/fr@3 (region) (adds [ETREAT])"), widenings(site().allowedPurposes("TREAT", "ETREAT")));
        assertEquals(List.of("rules.sharing.allowedRecipients [hospital-a, hospital-z] widens [hospital-a, lab-b]"
                        + " set by policy /eu/fr@3 (region) (adds [hospital-z])"),
                widenings(site().allowedRecipients("hospital-a", "hospital-z")));
    }

    @Test
    void allowingWhatTheyDenyWidensEvenWithoutTheirAllowList() {
        IssuedPolicy denyOnly = Policies.at("/eu", 1).deniedRecipients("insurer-x").deniedPurposes("MARKT")
                .issuedBy(Rank.ROOT);
        assertEquals(List.of(
                        "rules.sharing.allowedPurposes [MARKT] widens rules.sharing.deniedPurposes [MARKT] set by"
                                + " policy /eu@1 (root) (allows what it denies)",
                        "rules.sharing.allowedRecipients [insurer-x] widens rules.sharing.deniedRecipients [insurer-x]"
                                + " set by policy /eu@1 (root) (allows what it denies)"),
                PolicyNarrowing.INSTANCE.widenings(site().allowedPurposes("MARKT", "TREAT")
                        .allowedRecipients("insurer-x").canonical().rules(), List.of(denyOnly), new StepMeter(1000)));
    }

    @Test
    void givingARankAnActionTheyDenyItWidens() {
        assertEquals(List.of("rules.decisionRights.site [block, quarantine] widens [quarantine, update-firmware] set"
                + " by policy /eu/fr@3 (region) (adds [block])"), widenings(site().rights(Rank.SITE, BLOCK, QUARANTINE)));
    }

    @Test
    void rightsForARankTheyLeaveOpenNarrow() {
        assertEquals(List.of(), widenings(site().rights(Rank.DEVICE, BLOCK)));
    }

    @Test
    void aSmallerQuorumOrFirstCommittedWhereTheyDemandAQuorumWidens() {
        assertEquals(List.of("rules.equalRanks.block first-committed widens quorum of 2 set by policy /eu/fr@3"
                + " (region)"), widenings(site().firstCommitted(BLOCK)));
        assertEquals(List.of("rules.equalRanks.block quorum of 1 widens quorum of 2 set by policy /eu/fr@3"
                + " (region)"), widenings(site().quorum(BLOCK, 1)));
    }

    @Test
    void everyWideningIsNamedAgainstEveryHigherPolicy() {
        IssuedPolicy root = Policies.at("/", 1).telemetry(60).issuedBy(Rank.ROOT);
        assertEquals(List.of(
                        "rules.telemetry.maxPerMinute 600 widens 60 set by policy /@1 (root)",
                        "rules.firmware.minimum 1.0 widens 2.4.1 set by policy /eu/fr@3 (region)",
                        "rules.telemetry.maxPerMinute 600 widens 120 set by policy /eu/fr@3 (region)"),
                PolicyNarrowing.INSTANCE.widenings(site().firmware("1.0").telemetry(600).canonical().rules(),
                        List.of(root, REGION), new StepMeter(1000)));
    }
}
