package org.fogledger.ledger.contract.policy;

import java.util.List;
import org.fogledger.ledger.contract.StepMeter;

/**
 * Decides whether a new policy only narrows the policies in force from higher ranks over its scope. An interface so
 * tests can plant a broken checker and show that they catch it; the contract uses {@link PolicyNarrowing}.
 */
public interface NarrowingCheck {

    /**
     * Each rule of {@code candidate} that widens a rule of one of {@code higher}, as {@code <field> <value> widens
     * <their value> set by policy <scope@version (rank)>}; empty when the candidate only narrows.
     */
    List<String> widenings(PolicyRules candidate, List<IssuedPolicy> higher, StepMeter meter);
}
