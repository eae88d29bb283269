package org.fogledger.ledger.contract.consent;

/**
 * Who a provision is about, as FHIR's Consent.provision.actor: the role the actor plays in the access and a
 * reference to it. Only recipient roles are supported (see {@link ConsentVocabulary#isRecipientRole}), because a
 * decision is asked about a recipient; a custodian or an author would constrain something a request does not carry.
 */
public record ProvisionActor(Coding role, Reference reference) {
}
