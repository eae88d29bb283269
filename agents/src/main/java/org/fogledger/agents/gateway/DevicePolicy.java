package org.fogledger.agents.gateway;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.consent.Recipient;

/**
 * What a gateway enforces for one device: its own {@link GatewayPolicy} combined with the effective policy the
 * ledger's {@code policy/_} gives at the device's path (the stricter of the two wins, deny overrides). Each bound
 * says where it comes from ({@code policy /eu/fr@3 (region)} or {@code gateway configuration}), so refusals name the
 * policy that refused. Built by {@link PolicyMapping}; immutable.
 *
 * @param firmwareMinimum         the oldest firmware admitted; null admits any
 * @param firmwareSource          who set it
 * @param quarantineAfter         failed authentications at which the session is closed and the device quarantined
 * @param quarantineSource        who set it
 * @param maxReadingsPerSecond    the gateway's own burst limit
 * @param maxReadingsPerMinute    the ledger's telemetry limit; null when no policy sets one (0 stops telemetry)
 * @param rateSource              who set the per-minute limit
 * @param allowedPurposes         null: no allow-list; else only these purposes may receive data
 * @param allowedPurposesSource   the policies that set the allow-list
 * @param deniedPurposes          denied purpose -> the policy that denies it
 * @param allowedRecipients       as for purposes; a recipient is named by its organisation or its key (hex)
 * @param allowedRecipientsSource the policies that set the allow-list
 * @param deniedRecipients        denied recipient -> the policy that denies it
 * @param policies                the ledger policies in force at the device (empty: none covers it)
 */
public record DevicePolicy(String firmwareMinimum, String firmwareSource, int quarantineAfter,
                           String quarantineSource, int maxReadingsPerSecond, Integer maxReadingsPerMinute,
                           String rateSource, List<String> allowedPurposes, String allowedPurposesSource,
                           SortedMap<String, String> deniedPurposes, List<String> allowedRecipients,
                           String allowedRecipientsSource, SortedMap<String, String> deniedRecipients,
                           List<String> policies) {
    static final String LOCAL = "gateway configuration";

    public DevicePolicy {
        Objects.requireNonNull(firmwareSource, "firmwareSource");
        Objects.requireNonNull(quarantineSource, "quarantineSource");
        allowedPurposes = allowedPurposes == null ? null : List.copyOf(allowedPurposes);
        allowedRecipients = allowedRecipients == null ? null : List.copyOf(allowedRecipients);
        deniedPurposes = new TreeMap<>(deniedPurposes);
        deniedRecipients = new TreeMap<>(deniedRecipients);
        policies = List.copyOf(policies);
    }

    /** The gateway's own policy alone (no ledger policy covers the device, or the device has no place). */
    public static DevicePolicy local(GatewayPolicy policy) {
        return new DevicePolicy(policy.minimumFirmware(), LOCAL, policy.quarantineAfterFailedAuthentications(),
                LOCAL, policy.maxReadingsPerSecond(), null, null, null, null, new TreeMap<>(), null, null,
                new TreeMap<>(), List.of());
    }

    /** Null when {@code firmware} meets the minimum, else the reason to refuse it, naming who set the minimum. */
    public String firmwareRefusal(String firmware) {
        return FirmwareVersion.refusal(firmware, firmwareMinimum, firmwareSource);
    }

    /**
     * Null when the policies let {@code recipient} receive data for {@code purpose}; else why not, naming the
     * policy. A deny wins over any allow-list and over the owner's consent: the gateway asks this before consent.
     */
    public String sharingRefusal(String purpose, Recipient recipient) {
        String deniedBy = deniedPurposes.get(purpose);
        if (deniedBy != null) {
            return "policy " + deniedBy + " denies purpose " + purpose + " (rules.sharing.deniedPurposes)";
        }
        if (allowedPurposes != null && !allowedPurposes.contains(purpose)) {
            return "policy " + allowedPurposesSource + " allows only purposes " + allowedPurposes + ", not "
                    + purpose + " (rules.sharing.allowedPurposes)";
        }
        List<String> names = recipientNames(recipient);
        for (String name : names) {
            String by = deniedRecipients.get(name);
            if (by != null) {
                return "policy " + by + " denies recipient " + name + " (rules.sharing.deniedRecipients)";
            }
        }
        if (allowedRecipients != null && names.stream().noneMatch(allowedRecipients::contains)) {
            return "policy " + allowedRecipientsSource + " allows only recipients " + allowedRecipients
                    + ", not " + names + " (rules.sharing.allowedRecipients)";
        }
        return null;
    }

    /** How policies may name a recipient: its organisation, or its key in hex. */
    static List<String> recipientNames(Recipient recipient) {
        String key = ContractJson.hex(recipient.key());
        return recipient.organization() == null || recipient.organization().isEmpty() ? List.of(key)
                : List.of(recipient.organization(), key);
    }

    /** The session's rate window check: null when one more reading fits, else the reason. */
    String rateRefusal(int inSecond, int inMinute) {
        if (inSecond >= maxReadingsPerSecond) {
            return "rate limit: at most " + maxReadingsPerSecond + " readings per second (" + LOCAL + ")";
        }
        if (maxReadingsPerMinute != null && inMinute >= maxReadingsPerMinute) {
            return "rate limit: at most " + maxReadingsPerMinute + " readings per minute set by " + rateSource;
        }
        return null;
    }
}
