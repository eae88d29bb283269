package org.fogledger.agents.gateway;

import java.time.Duration;
import java.util.Objects;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * How one gateway runs.
 *
 * @param gatewayId         the gateway's id: devices sign hellos for it, and it is the trace stream's id
 *                          ({@code trace/<gatewayId>}), so it must be a valid contract instance key
 * @param chainId           the ledger's chain id (anchors are transactions)
 * @param key               the gateway's key: signs anchors, and registers the trace stream if nobody has
 * @param policy            what the gateway enforces on its own (firmware, quarantine, rate)
 * @param recheckInterval   the fallback: every open session's device is re-checked this often, whether or not a
 *                          notice said its registry record changed
 * @param challengeLifetime how long an issued challenge is good for a hello
 * @param maxClockSkew      how far a hello's time may be from the gateway's clock
 * @param maxSessions       open sessions at most
 * @param traceBatchSize    records per anchored batch (a batch is also sealed every {@code traceSealInterval})
 * @param traceSealInterval how often pending trace records are sealed and anchored (and metered usage reported)
 * @param agentKey          the key of the site agent the gateway acts for, or null: with it, a device quarantined
 *                          for failed authentications is also reported as an {@code authority.decide quarantine}
 * @param meterBatchUnits   delivered units of one sharing session reported at once (else every seal interval)
 */
public record GatewaySettings(String gatewayId, String chainId, KeyPair key, GatewayPolicy policy,
                              Duration recheckInterval, Duration challengeLifetime, Duration maxClockSkew,
                              int maxSessions, int traceBatchSize, Duration traceSealInterval,
                              KeyPair agentKey, int meterBatchUnits) {

    public GatewaySettings {
        Objects.requireNonNull(gatewayId, "gatewayId");
        ContractAddress.of("trace", gatewayId);
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(policy, "policy");
        positive(recheckInterval, "recheckInterval");
        positive(challengeLifetime, "challengeLifetime");
        positive(maxClockSkew, "maxClockSkew");
        positive(traceSealInterval, "traceSealInterval");
        if (maxSessions < 1 || maxSessions > 1_000_000) {
            throw new IllegalArgumentException("maxSessions must be in 1..1000000, got " + maxSessions);
        }
        if (traceBatchSize < 1 || traceBatchSize > 4096) {
            throw new IllegalArgumentException("traceBatchSize must be in 1..4096, got " + traceBatchSize);
        }
        if (meterBatchUnits < 1 || meterBatchUnits > 1_000_000) {
            throw new IllegalArgumentException("meterBatchUnits must be in 1..1000000, got " + meterBatchUnits);
        }
    }

    /**
     * Re-check every 5 s, challenges good for 30 s, 60 s of clock skew, 10,000 sessions, batches of 64 or 2 s, no
     * agent key, usage reported every 100 units.
     */
    public static GatewaySettings defaults(String gatewayId, String chainId, KeyPair key) {
        return new GatewaySettings(gatewayId, chainId, key, GatewayPolicy.defaults(), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 10_000, 64, Duration.ofSeconds(2), null, 100);
    }

    public GatewaySettings withPolicy(GatewayPolicy newPolicy) {
        return new GatewaySettings(gatewayId, chainId, key, newPolicy, recheckInterval, challengeLifetime,
                maxClockSkew, maxSessions, traceBatchSize, traceSealInterval, agentKey, meterBatchUnits);
    }

    public GatewaySettings withRecheckInterval(Duration interval) {
        return new GatewaySettings(gatewayId, chainId, key, policy, interval, challengeLifetime, maxClockSkew,
                maxSessions, traceBatchSize, traceSealInterval, agentKey, meterBatchUnits);
    }

    public GatewaySettings withAgentKey(KeyPair siteAgent) {
        return new GatewaySettings(gatewayId, chainId, key, policy, recheckInterval, challengeLifetime,
                maxClockSkew, maxSessions, traceBatchSize, traceSealInterval, siteAgent, meterBatchUnits);
    }

    public GatewaySettings withTraceSealInterval(Duration interval) {
        return new GatewaySettings(gatewayId, chainId, key, policy, recheckInterval, challengeLifetime,
                maxClockSkew, maxSessions, traceBatchSize, interval, agentKey, meterBatchUnits);
    }

    public GatewaySettings withMeterBatchUnits(int units) {
        return new GatewaySettings(gatewayId, chainId, key, policy, recheckInterval, challengeLifetime,
                maxClockSkew, maxSessions, traceBatchSize, traceSealInterval, agentKey, units);
    }

    private static void positive(Duration duration, String field) {
        Objects.requireNonNull(duration, field);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + duration);
        }
    }
}
