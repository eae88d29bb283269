package org.fogledger.ledger.execution;

import java.io.NotSerializableException;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.contract.ContractJson;

/**
 * Stores the contract runtime's journal events and snapshots as {@link ContractJson}: a plain, documented format
 * that outlives library upgrades (never Kryo for stored bytes) and that contract states and events already have.
 * The manifest names the record and its version, so a later format can be read next to this one.
 */
public final class ContractJournalSerializer extends SerializerWithStringManifest {
    /** FogLedger's serializers use 7300-7399. */
    public static final int IDENTIFIER = 7304;

    private static final String EXECUTED = "v1.instance-executed";
    private static final String SNAPSHOT = "v1.instance-snapshot";
    private static final String BLOCK_EXECUTED = "v1.host-block-executed";
    private static final String RESULTS = "v1.executed-results";

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof InstanceExecuted) {
            return EXECUTED;
        } else if (o instanceof InstanceSnapshot) {
            return SNAPSHOT;
        } else if (o instanceof HostCheckpoint.BlockExecuted) {
            return BLOCK_EXECUTED;
        } else if (o instanceof ExecutedResults) {
            return RESULTS;
        }
        throw new IllegalArgumentException("contract journal serializer cannot store " + o.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object o) {
        manifest(o);
        return ContractJson.write(o);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        Class<?> type = switch (manifest) {
            case EXECUTED -> InstanceExecuted.class;
            case SNAPSHOT -> InstanceSnapshot.class;
            case BLOCK_EXECUTED -> HostCheckpoint.BlockExecuted.class;
            case RESULTS -> ExecutedResults.class;
            default -> throw new NotSerializableException("unknown contract journal manifest '" + manifest + "'");
        };
        return ContractJson.readTrusted(bytes, type);
    }
}
