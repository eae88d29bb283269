package org.fogledger.ledger.contract.rules;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * A chain for contract stories: signed transactions with per-key nonces, executed block by block in an
 * {@link InMemoryContractHost}, one second of block time apart.
 */
final class Chain {
    static final String CHAIN_ID = "rules-test";

    private final InMemoryContractHost host;
    private final Map<PublicKey, Long> nonces = new HashMap<>();
    private long height;
    private long timeMillis = 1_700_000_000_000L;

    Chain(ExecutionLimits limits, Contract<?, ?>... contracts) {
        this.host = new InMemoryContractHost(ContractCatalog.of(contracts), limits);
    }

    InMemoryContractHost host() {
        return host;
    }

    long time() {
        return timeMillis;
    }

    Transaction tx(KeyPair signer, String address, String command, String json) {
        long nonce = nonces.merge(signer.publicKey(), 1L, Long::sum) - 1;
        return Transaction.sign(signer, CHAIN_ID, nonce, address, command, json.getBytes(StandardCharsets.UTF_8));
    }

    BlockResults block(Transaction... transactions) {
        height++;
        timeMillis += 1_000;
        return host.execute(height, timeMillis, List.of(transactions));
    }

    /** Runs one transaction in a block of its own; the results of that block. */
    BlockResults run(KeyPair signer, String address, String command, String json) {
        return block(tx(signer, address, command, json));
    }

    Object state(String address) {
        return host.state(ContractAddress.parse(address));
    }

    /** A JSON object from alternating names and values. */
    static String json(Object... namesAndValues) {
        TreeMap<String, Object> object = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return ContractJson.writeString(object);
    }
}
