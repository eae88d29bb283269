package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a consent stands on the ledger. Expiry is not a status: a consent's period ends without a transaction, and
 * decisions read the period itself.
 */
public enum ConsentStatus {
    /** Granted; decides from the block time of its grant on. */
    @JsonProperty("active")
    ACTIVE,
    /** Withdrawn by its owner; decides nothing from the block time of the withdrawal on, and still before it. */
    @JsonProperty("withdrawn")
    WITHDRAWN
}
