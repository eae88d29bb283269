package org.fogledger.ledger.contract.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fogledger.ledger.contract.ContractJson;
import org.junit.jupiter.api.Test;

/** What the actor host journals and snapshots reads back as it was written: every event and the state. */
class SharingJsonTest {

    @Test
    void the_events_and_the_state_of_a_story_read_back_equal() {
        SharingContractTest story = new SharingContractTest();
        story.offered();
        story.opened("s-1", 10);
        story.opened("s-2", 10);
        SharingWorld world = story.world;
        SharingWorld.expectOk(world.block(world.meterTx(SharingContractTest.GATEWAY, SharingContractTest.DEVICE,
                "s-1", 12, 1)).forTransaction(0).result());
        SharingWorld.expectOk(world.block(world.failTx(SharingContractTest.GATEWAY, SharingContractTest.DEVICE,
                "s-1")).forTransaction(0).result());
        SharingState state = world.sharing(SharingContractTest.DEVICE);
        assertEquals(state, ContractJson.readTrusted(ContractJson.write(state), SharingState.class));

        Session ended = state.session("s-1");
        List<SharingEvent> events = List.of(new SharingEvent.Offered(state.offer()),
                new SharingEvent.Withdrawn(1, 5), new SharingEvent.SessionOpened(state.session("s-2")),
                new SharingEvent.Metered("s-1", 1, 12, 10, 30, 2),
                new SharingEvent.SessionEnded("s-1", ended.status(), 0, ended.endedAt(), "drum"));
        for (SharingEvent event : events) {
            assertEquals(event, ContractJson.readTrusted(ContractJson.write(event), SharingEvent.class));
        }
    }
}
