package org.fogledger.agents.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.fogledger.ledger.chain.Receipt;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.BuiltInContracts;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.validator.SubmitResult;

/**
 * The built-in contracts (the real authority and registry) in an in-memory host, one transaction per block: what
 * the agents' unit tests submit to instead of a validator cluster. Every submitted transaction is kept, so a test
 * can show that a refused command never reached the ledger.
 */
final class HostedLedger implements AgentLedger {
    static final String CHAIN_ID = "agents-test";
    private static final KeyPair VALIDATOR = KeyPair.generate();

    private final InMemoryContractHost host;
    private final List<Transaction> submitted = new ArrayList<>();
    private final boolean answersQueries;
    private long height;
    private long blockTimeMillis = 1_000_000;

    HostedLedger(KeyPair rootOperator) {
        this(rootOperator, true);
    }

    private HostedLedger(KeyPair rootOperator, boolean answersQueries) {
        this.host = new InMemoryContractHost(BuiltInContracts.catalog(CHAIN_ID, List.of(),
                List.of(rootOperator.publicKey())), ExecutionLimits.DEFAULT);
        this.answersQueries = answersQueries;
    }

    /** A ledger whose queries never answer (a validator that is not reachable yet). */
    static HostedLedger silent(KeyPair rootOperator) {
        return new HostedLedger(rootOperator, false);
    }

    @Override
    public String chainId() {
        return CHAIN_ID;
    }

    @Override
    public synchronized CompletionStage<SubmitResult> submit(Transaction tx) {
        submitted.add(tx);
        height++;
        blockTimeMillis += 1_000;
        BlockResults results = host.execute(height, blockTimeMillis, List.of(tx));
        ExecutionRecord record = results.forTransaction(0);
        Receipt receipt = new Receipt(tx.hash(), height, 0, record.result().ok() ? ReceiptStatus.COMMITTED_OK
                : ReceiptStatus.FAILED, record.result().code(), record.result().data());
        return CompletableFuture.completedFuture(new SubmitResult.Committed(receipt, VALIDATOR.publicKey(),
                Hash.ZERO));
    }

    @Override
    public synchronized CompletionStage<ContractHost.QueryResult> query(String address, String query,
                                                                      byte[] argument) {
        if (!answersQueries) {
            return new CompletableFuture<>();
        }
        try {
            byte[] answer = host.query(ContractAddress.parse(address), query, argument);
            return CompletableFuture.completedFuture(new ContractHost.QueryResult(true, "ok", answer, height));
        } catch (ContractRefusal e) {
            return CompletableFuture.completedFuture(new ContractHost.QueryResult(false, e.code(),
                    e.getMessage().getBytes(StandardCharsets.UTF_8), height));
        }
    }

    /** Signs and runs a transaction directly (set-up done by someone other than the agent under test). */
    synchronized SubmitResult.Committed run(KeyPair signer, long nonce, String contract, String command,
                                            byte[] payload) {
        return (SubmitResult.Committed) submit(Transaction.sign(signer, CHAIN_ID, nonce, contract, command, payload))
                .toCompletableFuture().join();
    }

    synchronized List<Transaction> submittedBy(KeyPair signer) {
        return submitted.stream().filter(tx -> tx.sender().equals(signer.publicKey())).toList();
    }
}
