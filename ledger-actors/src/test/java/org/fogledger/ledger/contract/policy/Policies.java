package org.fogledger.ledger.contract.policy;

import java.util.List;
import java.util.TreeMap;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.PublicKey;

/** Test only: policy documents built rule by rule, {@code Policies.at("/eu/fr", 1).telemetry(120).document()}. */
final class Policies {
    private final String scope;
    private final long version;
    private FirmwareRule firmware;
    private QuarantineRule quarantine;
    private TelemetryRule telemetry;
    private List<String> allowedPurposes;
    private List<String> deniedPurposes;
    private List<String> allowedRecipients;
    private List<String> deniedRecipients;
    private TreeMap<String, List<DecisionAction>> rights;
    private TreeMap<String, EqualRankArbitration> equalRanks;

    private Policies(String scope, long version) {
        this.scope = scope;
        this.version = version;
    }

    static Policies at(String scope, long version) {
        return new Policies(scope, version);
    }

    Policies firmware(String minimum) {
        firmware = new FirmwareRule(minimum);
        return this;
    }

    Policies quarantineAfter(int failures) {
        quarantine = new QuarantineRule(failures);
        return this;
    }

    Policies telemetry(int maxPerMinute) {
        telemetry = new TelemetryRule(maxPerMinute);
        return this;
    }

    Policies allowedPurposes(String... purposes) {
        allowedPurposes = List.of(purposes);
        return this;
    }

    Policies deniedPurposes(String... purposes) {
        deniedPurposes = List.of(purposes);
        return this;
    }

    Policies allowedRecipients(String... recipients) {
        allowedRecipients = List.of(recipients);
        return this;
    }

    Policies deniedRecipients(String... recipients) {
        deniedRecipients = List.of(recipients);
        return this;
    }

    Policies rights(Rank rank, DecisionAction... actions) {
        if (rights == null) {
            rights = new TreeMap<>();
        }
        rights.put(rank.wireName(), List.of(actions));
        return this;
    }

    Policies firstCommitted(DecisionAction action) {
        return equalRank(action, new EqualRankArbitration(EqualRankRule.FIRST_COMMITTED, null));
    }

    Policies quorum(DecisionAction action, int k) {
        return equalRank(action, new EqualRankArbitration(EqualRankRule.QUORUM, k));
    }

    Policies equalRank(DecisionAction action, EqualRankArbitration rule) {
        if (equalRanks == null) {
            equalRanks = new TreeMap<>();
        }
        equalRanks.put(action.wireName(), rule);
        return this;
    }

    PolicyRules rules() {
        SharingRule sharing = allowedPurposes == null && deniedPurposes == null && allowedRecipients == null
                && deniedRecipients == null ? null
                : new SharingRule(allowedPurposes, deniedPurposes, allowedRecipients, deniedRecipients);
        return new PolicyRules(firmware, quarantine, telemetry, sharing, rights, equalRanks);
    }

    /** The document as written (not yet canonical). */
    PolicyDocument document() {
        return new PolicyDocument(scope, version, rules());
    }

    /** The canonical document, as the contract keeps it. */
    PolicyDocument canonical() {
        return PolicyValidation.canonical(document(), "test", new StepMeter(Long.MAX_VALUE));
    }

    /** The document as if committed at {@code rank}, for the pure checkers. */
    IssuedPolicy issuedBy(Rank rank) {
        return new IssuedPolicy(canonical(), rank, ISSUER, "/", 1, 0, 0);
    }

    static final PublicKey ISSUER = org.fogledger.ledger.crypto.KeyPair.fromPrivateKey(
            org.fogledger.ledger.crypto.SignatureScheme.ED25519, new byte[32]).publicKey();
}
