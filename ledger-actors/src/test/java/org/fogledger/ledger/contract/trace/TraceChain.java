package org.fogledger.ledger.contract.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.chain.ValidatorSignature;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * A real chain segment for audit-proof tests: four validators (test keys 0..3), blocks made with
 * {@link Block#create} on top of the genesis block, executed by the in-memory contract host running the trace
 * contract, each header carrying the previous block's results hash, and quorum certificates signed by validators
 * 0, 1 and 2 (3 of 4). Keys are seeded, so everything is the same on every run.
 */
final class TraceChain {
    static final String CHAIN_ID = TraceFixtures.CHAIN_ID;
    static final long GENESIS_MILLIS = TraceFixtures.GENESIS_MILLIS;

    final ValidatorSet validators = ChainFixtures.validators(4);
    final KeyPair owner = ChainFixtures.key(4);
    final KeyPair gateway = ChainFixtures.key(5);
    final KeyPair stranger = ChainFixtures.key(6);

    private final InMemoryContractHost host =
            new InMemoryContractHost(ContractCatalog.of(new TraceContract()), ExecutionLimits.DEFAULT);
    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    private final Map<Long, BlockResults> results = new HashMap<>();
    private final Map<String, Long> nonces = new HashMap<>();

    TraceChain() {
        Block genesis = Block.genesis(CHAIN_ID);
        blocks.put(0L, genesis);
        results.put(0L, host.execute(0, genesis.header().timestampMillis(), List.of()));
    }

    Block tip() {
        return blocks.lastEntry().getValue();
    }

    /** Proposes, "commits" and executes the next block at {@code round}. */
    Block append(long round, List<Transaction> txs) {
        Block parent = tip();
        long height = parent.height() + 1;
        Block block = Block.create(height, round, parent.hash(), results.get(parent.height()).resultsHash(),
                validators.leaderFor(round),
                GENESIS_MILLIS + 1_000 * height, txs);
        blocks.put(height, block);
        results.put(height, host.execute(height, block.header().timestampMillis(), txs));
        return block;
    }

    Block append(long round, Transaction... txs) {
        return append(round, List.of(txs));
    }

    Block block(long height) {
        return blocks.get(height);
    }

    BlockResults results(long height) {
        return results.get(height);
    }

    /** A certificate of {@code block} signed by the given validators (indexes into the test keys). */
    QuorumCertificate certify(Block block, int... signers) {
        List<ValidatorSignature> votes = new ArrayList<>();
        for (int signer : signers) {
            votes.add(QuorumCertificate.signVote(ChainFixtures.key(signer), block.hash(), block.round(),
                    block.height()));
        }
        return new QuorumCertificate(block.hash(), block.round(), block.height(), votes);
    }

    /** Blocks from {@code height} to the tip, each with a certificate by validators 0, 1 and 2. */
    List<CertifiedHeader> certifiedFrom(long height) {
        List<CertifiedHeader> chain = new ArrayList<>();
        for (Block block : blocks.tailMap(height).values()) {
            chain.add(CertifiedHeader.of(new CommittedBlock(block, certify(block, 0, 1, 2))));
        }
        return chain;
    }

    Transaction sign(KeyPair key, String contract, String command, Object payload) {
        long nonce = nonces.merge(key.publicKey().toString(), 1L, Long::sum);
        return Transaction.sign(key, CHAIN_ID, nonce, contract, command, ContractJson.write(payload));
    }

    Transaction register(String streamId, KeyPair gatewayKey) {
        return sign(owner, "trace/" + streamId, TraceContract.REGISTER, new GatewayCommand(gatewayKey.publicKey()));
    }

    Transaction anchor(KeyPair signer, TraceBatch batch) {
        long nonce = nonces.merge(signer.publicKey().toString(), 1L, Long::sum);
        return batch.anchorTransaction(signer, CHAIN_ID, nonce);
    }
}
