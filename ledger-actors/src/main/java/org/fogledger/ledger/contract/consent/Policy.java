package org.fogledger.ledger.contract.consent;

/** FHIR's Consent.policy: the policy a consent refers to, by its authority and/or its URI. */
public record Policy(String authority, String uri) {
}
