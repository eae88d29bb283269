/**
 * The validator's mempool: admission, fairness and back-pressure in front of the consensus core.
 *
 * <ul>
 *   <li>{@link org.fogledger.ledger.mempool.Mempool} (with {@link org.fogledger.ledger.mempool.MempoolConfig},
 *       {@link org.fogledger.ledger.mempool.Admission}, {@link org.fogledger.ledger.mempool.RefusalReason}) holds the
 *       rules: plain, deterministic Java like the core, driven by the validator actor from one thread. It is the
 *       core's {@link org.fogledger.ledger.consensus.TransactionSource} when the host injects it.</li>
 *   <li>{@link org.fogledger.ledger.mempool.BoundedVerificationCache} remembers signature verifications, shared by
 *       admission and by the core's verifier, so each validator verifies a signature once. Pure as well.</li>
 *   <li>{@link org.fogledger.ledger.mempool.ParallelSignatureVerifier} is the one class here that owns threads: it
 *       verifies a batch of submitted transactions on all cores through that cache.</li>
 * </ul>
 *
 * <p>Block building: the leader takes up to {@code ConsensusConfig.maxTransactionsPerBlock} transactions and
 * {@code maxBlockBytes} bytes through {@link org.fogledger.ledger.mempool.Mempool#select} as soon as it may propose;
 * with nothing pending it waits {@code idleProposalDelay} and proposes what has arrived by then, or an empty block.
 * Transactions arriving while a round runs wait for the next block, which is the short batching delay.
 */
package org.fogledger.ledger.mempool;
