package org.fogledger.ledger.contract.consent;

/** Which data a provision is about, as FHIR's Consent.provision.data: a device and how its data is selected. */
public record ProvisionData(DataMeaning meaning, Reference reference) {
}
