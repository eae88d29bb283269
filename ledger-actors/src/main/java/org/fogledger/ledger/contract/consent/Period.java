package org.fogledger.ledger.contract.consent;

/**
 * A span of block time in milliseconds since the epoch, both ends included, either end open when absent: FHIR's
 * Period, whose end "is inclusive at its precision", at the ledger's one precision.
 */
public record Period(Long start, Long end) {

    public boolean contains(long time) {
        return (start == null || start <= time) && (end == null || time <= end);
    }
}
