package org.fogledger.ledger.contract.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.chain.ExecutedResults;
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
 * A real chain segment for audit-proof tests, built the way validators build it: four validators (test keys
 * 0..3), blocks made with {@link Block#create} on top of the genesis block, executed by the in-memory contract host
 * running the trace contract from genesis' results claim, and quorum certificates signed by validators 0, 1 and 2
 * (3 of 4). Keys are seeded, so everything is the same on every run.
 *
 * <p>Each header carries its proposer's results claim, which lags: execution follows commit, which follows
 * proposal. By default ({@link #laggingClaim}) the proposer of block H claims block H-2 when H is odd and H-3 when
 * H is even, so claims trail by 2 or 3 blocks and no even height is ever claimed exactly. Tests that need other
 * shapes name the claimed height ({@link #appendClaiming}).
 */
final class TraceChain {
    static final String CHAIN_ID = TraceFixtures.CHAIN_ID;
    static final long GENESIS_MILLIS = TraceFixtures.GENESIS_MILLIS;

    final ValidatorSet validators = ChainFixtures.validators(4);
    final KeyPair owner = ChainFixtures.key(4);
    final KeyPair gateway = ChainFixtures.key(5);
    final KeyPair stranger = ChainFixtures.key(6);

    private final InMemoryContractHost host = new InMemoryContractHost(ContractCatalog.of(new TraceContract()),
            ExecutionLimits.DEFAULT, Block.genesis(CHAIN_ID).header().executed());
    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    private final TreeMap<Long, BlockResults> results = new TreeMap<>();
    /** What a proposer that executed up to a height claims: genesis' claim for 0, the block's results after. */
    private final Map<Long, ExecutedResults> executed = new HashMap<>();
    private final Map<String, Long> nonces = new HashMap<>();
    /** Signing is the slow part of a long chain: each block is certified once. */
    private final Map<Long, CertifiedHeader> certified = new HashMap<>();

    TraceChain() {
        Block genesis = Block.genesis(CHAIN_ID);
        blocks.put(0L, genesis);
        executed.put(0L, genesis.header().executed());
    }

    /** The default claim of the proposer of block {@code height}: 2 or 3 blocks behind, never an even height. */
    static long laggingClaim(long height) {
        return Math.max(0, height - 3 + height % 2);
    }

    Block tip() {
        return blocks.lastEntry().getValue();
    }

    /** Proposes the next block at {@code round}, claiming {@link #laggingClaim}; "commits" and executes it. */
    Block append(long round, Transaction... txs) {
        return appendClaiming(round, laggingClaim(tip().height() + 1), txs);
    }

    /** Proposes the next block at {@code round}, its proposer claiming the results of block {@code claimed}. */
    Block appendClaiming(long round, long claimed, Transaction... txs) {
        Block parent = tip();
        long height = parent.height() + 1;
        ExecutedResults claim = executed.get(claimed);
        if (claim == null) {
            throw new IllegalArgumentException("block " + claimed + " is not executed yet");
        }
        Block block = Block.create(height, round, parent.hash(), claim, validators.leaderFor(round),
                GENESIS_MILLIS + 1_000 * height, List.of(txs));
        blocks.put(height, block);
        BlockResults done = host.execute(height, block.header().timestampMillis(), block.transactions());
        results.put(height, done);
        executed.put(height, new ExecutedResults(height, done.resultsHash()));
        return block;
    }

    Block block(long height) {
        return blocks.get(height);
    }

    BlockResults results(long height) {
        return results.get(height);
    }

    /** The results of blocks {@code height} to the tip. */
    List<BlockResults> resultsFrom(long height) {
        return List.copyOf(results.tailMap(height).values());
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
            chain.add(certified.computeIfAbsent(block.height(),
                    h -> CertifiedHeader.of(new CommittedBlock(block, certify(block, 0, 1, 2)))));
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
