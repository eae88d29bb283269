package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.fogledger.ledger.contract.ContractJson;

/**
 * A transaction fogctl is about to sign: which document it comes from, the contract address, the command and the
 * payload (canonical JSON, exactly the bytes that will be signed).
 */
record PlannedTransaction(String kind, String name, String contract, String command, byte[] payload) {

    /** The transaction for people and {@code --dry-run=client}: the payload as JSON, not as bytes. */
    ObjectNode describe(String sender) {
        ObjectNode out = ApiClient.JSON.createObjectNode();
        out.put("kind", kind).put("name", name).put("contract", contract).put("command", command);
        if (sender != null) {
            out.put("sender", sender);
        }
        try {
            JsonNode json = ContractJson.mapper().readTree(payload);
            out.set("payload", json);
        } catch (IOException e) {
            throw new IllegalStateException("fogctl wrote a payload it cannot read back", e);
        }
        return out;
    }
}
