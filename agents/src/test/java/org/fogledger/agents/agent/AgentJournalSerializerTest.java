package org.fogledger.agents.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stored form of agents' events is a format: these pin it. A change that breaks them breaks every journal
 * written before; give the new form a new manifest instead.
 */
class AgentJournalSerializerTest {
    private final AgentJournalSerializer serializer = new AgentJournalSerializer();

    private String stored(Object value) {
        return serializer.manifest(value) + " " + new String(serializer.toBinary(value), StandardCharsets.UTF_8);
    }

    @Test
    void aDecisionIsStoredAsVersionedJson() throws Exception {
        var event = new RankedAgent.DecisionSubmitted(3, "dev-7", "/eu/fr/lyon", "quarantine", "tampered", "ab12");

        assertEquals("v1.agent-decision-submitted {\"action\":\"quarantine\",\"deviceId\":\"dev-7\","
                + "\"devicePath\":\"/eu/fr/lyon\",\"nonce\":3,\"note\":\"tampered\",\"txHash\":\"ab12\"}", stored(event));
        assertEquals(event, serializer.fromBinary(serializer.toBinary(event), serializer.manifest(event)));
    }

    @Test
    void aSettlementAndADeviceSightingReadBack() throws Exception {
        var settled = new RankedAgent.TransactionSettled(new LedgerOutcome(3, "decide", "ab12", "failed",
                "unknown-command", 404, 0, "no command 'decide'"));
        var seen = new DeviceAgent.DeviceSeen(1_000, "2.4.1");
        var state = new RankedAgent.State(DelegationStatus.valid(org.fogledger.ledger.contract.authority.Rank.REGION,
                "/eu", 12), 4, 3, 1, List.of(new DecisionRecord(3, "dev-7", "/eu/fr", "block", null, "ab12",
                settled.outcome(), null)), settled.outcome(), "settled: decide #3");
        var arbitrated = new RankedAgent.DecisionArbitrated(3, "dev-7", new DecisionSettlement("lost",
                "first-committed", "release by site 01ab (height 9 index 0) loses: first committed block …",
                List.of(), 9, 2));
        var arbitratedState = state.apply(arbitrated);

        for (Object value : List.of(settled, seen, state, arbitrated, arbitratedState)) {
            assertEquals(value, serializer.fromBinary(serializer.toBinary(value), serializer.manifest(value)));
        }
    }

    @Test
    void anUnknownManifestOrClassIsAnErrorNotAGuess() {
        assertThrows(NotSerializableException.class, () -> serializer.fromBinary(new byte[] {'{', '}'},
                "v9.something"));
        assertThrows(IllegalArgumentException.class, () -> serializer.manifest("a string"));
    }
}
