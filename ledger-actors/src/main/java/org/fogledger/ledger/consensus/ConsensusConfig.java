package org.fogledger.ledger.consensus;

/**
 * Tuning of one replica. Durations are in milliseconds of the caller's clock: the core never reads a clock, it is
 * told the time with every input.
 *
 * @param chainId                 the chain this replica orders; proposals carrying transactions for another chain are refused
 * @param baseRoundTimeoutMillis  how long a round may last before this replica gives up on it
 * @param maxRoundTimeoutMillis   cap of the exponential backoff, so a long outage never leaves a replica waiting for an hour
 * @param idleProposalDelayMillis how long a leader with nothing to order waits before proposing an empty block
 *                                (must be below the round timeout, or idle rounds would time out)
 * @param maxTransactionsPerBlock most transactions a leader puts in one block, and a replica accepts
 * @param maxBlockBytes           most encoded transaction bytes in one block
 * @param maxClockSkewMillis      how far in the future of the receiver's clock a block timestamp may be
 * @param maxPendingTransactions  transactions the replica keeps waiting for a block (beyond this new ones are refused)
 * @param retainedCommittedBlocks committed blocks kept in memory to serve lagging peers and refuse transactions
 *                                ordered again (older ones are served by the host, from its store:
 *                                {@link Output.ServeCommittedBlocks})
 */
public record ConsensusConfig(
        String chainId,
        long baseRoundTimeoutMillis,
        long maxRoundTimeoutMillis,
        long idleProposalDelayMillis,
        int maxTransactionsPerBlock,
        int maxBlockBytes,
        long maxClockSkewMillis,
        int maxPendingTransactions,
        int retainedCommittedBlocks) {

    public ConsensusConfig {
        if (chainId == null || chainId.isEmpty()) {
            throw new IllegalArgumentException("chainId must not be empty");
        }
        if (baseRoundTimeoutMillis <= 0 || maxRoundTimeoutMillis < baseRoundTimeoutMillis) {
            throw new IllegalArgumentException("need 0 < baseRoundTimeoutMillis <= maxRoundTimeoutMillis, got "
                    + baseRoundTimeoutMillis + " and " + maxRoundTimeoutMillis);
        }
        if (idleProposalDelayMillis < 0 || idleProposalDelayMillis >= baseRoundTimeoutMillis) {
            throw new IllegalArgumentException("idleProposalDelayMillis must be in [0, baseRoundTimeoutMillis), got "
                    + idleProposalDelayMillis);
        }
        if (maxTransactionsPerBlock <= 0 || maxBlockBytes <= 0 || maxPendingTransactions <= 0
                || retainedCommittedBlocks <= 0 || maxClockSkewMillis < 0) {
            throw new IllegalArgumentException("block and pool limits must be positive");
        }
    }

    /**
     * Defaults for a fog cluster on a LAN: 1 s rounds backing off to 8 s, blocks of up to 2,000 transactions or
     * 1 MiB (so a proposal fits in one Artery frame of 2 MiB).
     */
    public static ConsensusConfig defaults(String chainId) {
        return new ConsensusConfig(chainId, 1_000, 8_000, 200, 2_000, 1024 * 1024, 5_000, 100_000, 10_000);
    }

    public ConsensusConfig withRoundTimeouts(long baseMillis, long maxMillis, long idleProposalDelayMillis) {
        return new ConsensusConfig(chainId, baseMillis, maxMillis, idleProposalDelayMillis, maxTransactionsPerBlock,
                maxBlockBytes, maxClockSkewMillis, maxPendingTransactions, retainedCommittedBlocks);
    }

    public ConsensusConfig withRetainedCommittedBlocks(int retained) {
        return new ConsensusConfig(chainId, baseRoundTimeoutMillis, maxRoundTimeoutMillis, idleProposalDelayMillis,
                maxTransactionsPerBlock, maxBlockBytes, maxClockSkewMillis, maxPendingTransactions, retained);
    }

    public ConsensusConfig withMaxTransactionsPerBlock(int max) {
        return new ConsensusConfig(chainId, baseRoundTimeoutMillis, maxRoundTimeoutMillis, idleProposalDelayMillis, max,
                maxBlockBytes, maxClockSkewMillis, maxPendingTransactions, retainedCommittedBlocks);
    }
}
