package org.fogledger.ledger.contract.policy;

import org.fogledger.ledger.contract.authority.Rank;

/**
 * An operator's policy over a part of the hierarchy, one version of it. The issuing agent's rank is not part of
 * the document: the authority contract adds it from the signer's delegation chain, so a document cannot claim a
 * rank its issuer does not hold.
 *
 * @param scope   where it applies: {@code /} or a path of the hierarchy ({@code /eu/fr}), every device at or
 *                below it
 * @param version 1 for the first document of a (scope, issuing rank), then each next one exactly one more
 * @param rules   the constraints, each optional (absent: this document sets no constraint of that kind); absent
 *                altogether is read as no rules
 */
public record PolicyDocument(String scope, Long version, PolicyRules rules) {

    /** How refusals and effective policies name this document once issued at {@code rank}. */
    public PolicyRef ref(Rank rank) {
        return new PolicyRef(scope, version, rank);
    }
}
