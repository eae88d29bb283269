package org.fogledger.agents.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.contract.consent.ConsentAction;
import org.fogledger.ledger.contract.consent.Recipient;
import org.fogledger.ledger.contract.trace.TraceKind;
import org.fogledger.ledger.contract.trace.TraceRecord;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.junit.jupiter.api.Test;

/** The gateway's rules without the actor or the ledger: hellos, challenges, readings, policy, the trail. */
class SessionRulesTest {
    private static final KeyPair DEVICE = KeyPair.generate();
    private static final Hash CHALLENGE = Sha256.hash("challenge".getBytes(StandardCharsets.UTF_8));
    private static final Coding HEART_RATE = Coding.of("http://loinc.org", "8867-4");

    @Test
    void aHelloVerifiesOnlyUnderItsKeyAndOnlyAsSigned() {
        DeviceHello hello = DeviceHello.sign(DEVICE, "dev-1", "gw-1", CHALLENGE, 1_000, "2.4.1");

        assertTrue(hello.verifiesUnder(DEVICE.publicKey()));
        assertFalse(hello.verifiesUnder(KeyPair.generate().publicKey()));
        assertFalse(new DeviceHello("dev-1", "gw-2", CHALLENGE, 1_000, "2.4.1", hello.signature())
                .verifiesUnder(DEVICE.publicKey()), "moved to another gateway");
        assertFalse(new DeviceHello("dev-1", "gw-1", Hash.ZERO, 1_000, "2.4.1", hello.signature())
                .verifiesUnder(DEVICE.publicKey()), "another challenge");
        assertFalse(new DeviceHello("dev-1", "gw-1", CHALLENGE, 1_001, "2.4.1", hello.signature())
                .verifiesUnder(DEVICE.publicKey()), "another time");
        assertFalse(new DeviceHello("dev-1", "gw-1", CHALLENGE, 1_000, "9.9.9", hello.signature())
                .verifiesUnder(DEVICE.publicKey()), "another firmware");
    }

    @Test
    void aChallengeIsGoodOnceForItsDeviceUntilItExpires() {
        Challenges challenges = new Challenges(16, 30_000);
        challenges.issue(CHALLENGE, "dev-1", 0);

        assertTrue(challenges.consume(CHALLENGE, "dev-2", 10).contains("issued to another device"));
        challenges.issue(CHALLENGE, "dev-1", 20);
        assertNull(challenges.consume(CHALLENGE, "dev-1", 30));
        assertTrue(challenges.consume(CHALLENGE, "dev-1", 40).startsWith("unknown, used or expired challenge"));
        challenges.issue(CHALLENGE, "dev-1", 50);
        assertTrue(challenges.consume(CHALLENGE, "dev-1", 30_050).startsWith("unknown, used or expired challenge"));
    }

    @Test
    void outstandingChallengesAreBounded() {
        Challenges challenges = new Challenges(2, 30_000);
        for (int i = 0; i < 5; i++) {
            challenges.issue(Sha256.hash(new byte[] {(byte) i}), "dev-" + i, i);
        }
        assertEquals(2, challenges.outstanding());
        assertNull(challenges.consume(Sha256.hash(new byte[] {4}), "dev-4", 10));
    }

    @Test
    void readingsMustBeSignedByTheDeviceFreshAndWithinTheRate() {
        DeviceSession session = new DeviceSession(CHALLENGE, "dev-1", DEVICE.publicKey(), KeyPair.generate()
                .publicKey(), reason -> { }, 1, null, DevicePolicy.local(GatewayPolicy.defaults()));
        DevicePolicy policy = DevicePolicy.local(GatewayPolicy.defaults().withMaxReadingsPerSecond(2));

        assertInstanceOf(DeviceSession.ReadingOutcome.Accepted.class, session.check(reading(DEVICE, 0), policy, 0));
        refused(session.check(reading(DEVICE, 0), policy, 1), "a replayed reading", true);
        refused(session.check(reading(KeyPair.generate(), 1), policy, 2), "signature does not verify", true);
        refused(session.check(SignedReading.sign(DEVICE, "dev-1", Hash.ZERO, 1, HEART_RATE, 0, new byte[1]), policy,
                3), "is for session", true);
        assertInstanceOf(DeviceSession.ReadingOutcome.Accepted.class, session.check(reading(DEVICE, 5), policy, 4));
        refused(session.check(reading(DEVICE, 6), policy, 5), "rate limit", false);
        assertInstanceOf(DeviceSession.ReadingOutcome.Accepted.class, session.check(reading(DEVICE, 6), policy,
                1_000));
        assertEquals(3, session.failedAuthentications());
    }

    private static void refused(DeviceSession.ReadingOutcome outcome, String reason, boolean failedAuthentication) {
        DeviceSession.ReadingOutcome.Refused refused = assertInstanceOf(DeviceSession.ReadingOutcome.Refused.class,
                outcome);
        assertTrue(refused.reason().contains(reason), refused.reason());
        assertEquals(failedAuthentication, refused.failedAuthentication(), refused.reason());
    }

    private static SignedReading reading(KeyPair key, long sequence) {
        return SignedReading.sign(key, "dev-1", CHALLENGE, sequence, HEART_RATE, 0, "72".getBytes(
                StandardCharsets.UTF_8));
    }

    @Test
    void theFirmwareMinimumComparesVersionsPartByPart() {
        GatewayPolicy policy = GatewayPolicy.defaults().withMinimumFirmware("2.4");

        assertNull(policy.firmwareRefusal("2.4.0"));
        assertNull(policy.firmwareRefusal("2.10"));
        assertEquals("firmware 2.3.9 is older than the minimum 2.4", policy.firmwareRefusal("2.3.9"));
        assertTrue(policy.firmwareRefusal("2.x").contains("not a dotted numeric version"));
        assertNull(GatewayPolicy.defaults().firmwareRefusal("anything"));
        assertThrows(IllegalArgumentException.class, () -> GatewayPolicy.defaults().withQuarantineAfter(0));
    }

    @Test
    void theTrailNumbersCollectionsSharesAndRefusalsWithoutGaps() {
        KeyPair gateway = KeyPair.generate();
        KeyPair hospital = KeyPair.generate();
        FlowTrail trail = new FlowTrail("gw-1", gateway.publicKey(), 2, 7, Hash.ZERO);
        SignedReading reading = reading(DEVICE, 0);
        DataRequest request = new DataRequest("dev-1", HEART_RATE, Recipient.key(hospital.publicKey()), "TREAT",
                ConsentAction.ACCESS);

        TraceRecord collected = trail.collected(reading, DEVICE.publicKey(), 100);
        TraceRecord shared = trail.shared(reading, request, "c-1", 101);
        TraceRecord denied = trail.denied(request, "no consent", null, 102);

        assertEquals(TraceKind.COLLECT, collected.kind());
        assertEquals(reading.contentHash(), collected.data().contentHash());
        assertEquals(hospital.publicKey(), shared.recipient());
        assertEquals(gateway.publicKey(), shared.actor());
        assertEquals("denied TREAT: no consent", denied.purpose());
        assertTrue(FlowTrail.isDenial(denied));
        assertFalse(FlowTrail.isDenial(shared));
        assertEquals(java.util.List.of(7L, 8L, 9L), java.util.List.of(collected.sequence(), shared.sequence(),
                denied.sequence()));
        assertEquals(1, trail.awaitingAnchor(), "the first two filled a batch");
        trail.seal();
        assertEquals(2, trail.awaitingAnchor());
        assertEquals(Hash.ZERO, trail.nextToAnchor().orElseThrow().previousRoot());
    }

    @Test
    void longReasonsAreCutToTheTracePurposeLimitOnACharacterBoundary() {
        String cut = FlowTrail.truncate("é".repeat(200), TraceRecord.MAX_PURPOSE_BYTES);
        assertEquals(128, cut.length());
    }
}
