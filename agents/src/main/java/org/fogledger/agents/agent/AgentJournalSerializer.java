package org.fogledger.agents.agent;

import java.io.NotSerializableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.fogledger.ledger.contract.ContractJson;

/**
 * Stores agents' events and snapshots ({@link AgentPersisted}) as {@link ContractJson}: a plain, documented format
 * that outlives library upgrades (never Kryo for stored bytes). The manifest names the record and its version, not
 * its Java class, so classes can move without breaking journals; a later format gets a new manifest.
 */
public final class AgentJournalSerializer extends SerializerWithStringManifest {
    /** FogLedger's serializers use 7300-7399; the ledger's use 7301-7304. */
    public static final int IDENTIFIER = 7320;

    private static final Map<Class<?>, String> MANIFESTS = new LinkedHashMap<>();
    private static final Map<String, Class<?>> TYPES = new LinkedHashMap<>();

    static {
        add(RankedAgent.DelegationRead.class, "v1.agent-delegation-read");
        add(RankedAgent.DecisionSubmitted.class, "v1.agent-decision-submitted");
        add(RankedAgent.DelegationSubmitted.class, "v1.agent-delegation-submitted");
        add(RankedAgent.TransactionSettled.class, "v1.agent-transaction-settled");
        add(RankedAgent.DecisionArbitrated.class, "v1.agent-decision-arbitrated");
        add(RankedAgent.State.class, "v1.agent-state");
        add(DeviceAgent.DeviceSeen.class, "v1.device-seen");
        add(DeviceAgent.AuthenticationFailed.class, "v1.device-authentication-failed");
        add(DeviceAgent.State.class, "v1.device-state");
    }

    private static void add(Class<?> type, String manifest) {
        MANIFESTS.put(type, manifest);
        TYPES.put(manifest, type);
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        String manifest = MANIFESTS.get(o.getClass());
        if (manifest == null) {
            throw new IllegalArgumentException("agent journal serializer cannot store " + o.getClass().getName()
                    + "; add it to AgentJournalSerializer with a manifest");
        }
        return manifest;
    }

    @Override
    public byte[] toBinary(Object o) {
        manifest(o);
        return ContractJson.write(o);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        Class<?> type = TYPES.get(manifest);
        if (type == null) {
            throw new NotSerializableException("unknown agent journal manifest '" + manifest + "'");
        }
        return ContractJson.readTrusted(bytes, type);
    }
}
