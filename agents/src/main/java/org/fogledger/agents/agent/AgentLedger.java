package org.fogledger.agents.agent;

import java.util.concurrent.CompletionStage;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.validator.SubmitResult;

/**
 * What agents need of the ledger: the chain they sign for, submitting a signed transaction, asking a contract a
 * question. In a node this is {@link #of(LedgerClient, String)}; agents never talk to validators otherwise.
 */
public interface AgentLedger {
    String chainId();

    CompletionStage<SubmitResult> submit(Transaction tx);

    CompletionStage<ContractHost.QueryResult> query(String address, String query, byte[] argument);

    /** The ledger of chain {@code chainId} through {@code client}. */
    static AgentLedger of(LedgerClient client, String chainId) {
        return new AgentLedger() {
            @Override
            public String chainId() {
                return chainId;
            }

            @Override
            public CompletionStage<SubmitResult> submit(Transaction tx) {
                return client.submit(tx);
            }

            @Override
            public CompletionStage<ContractHost.QueryResult> query(String address, String query, byte[] argument) {
                return client.query(address, query, argument);
            }
        };
    }
}
