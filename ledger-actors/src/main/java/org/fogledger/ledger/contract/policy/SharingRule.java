package org.fogledger.ledger.contract.policy;

import java.util.List;

/**
 * Who may receive data from devices in scope, and for what. Purposes are codes such as FHIR's purpose-of-use codes
 * ({@code TREAT}, {@code HRESCH}); recipients are ids as the consent contract names them. Each list is optional:
 * an absent allow-list allows everything (as far as this document goes), an absent deny-list denies nothing.
 * Deny overrides allow.
 */
public record SharingRule(List<String> allowedPurposes, List<String> deniedPurposes, List<String> allowedRecipients,
                          List<String> deniedRecipients) {
}
