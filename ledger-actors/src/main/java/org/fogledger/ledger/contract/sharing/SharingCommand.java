package org.fogledger.ledger.contract.sharing;

import java.util.List;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The JSON payloads of the sharing contract's commands. Fields are boxed so a missing one is told apart from zero
 * and refused by name.
 */
public sealed interface SharingCommand {

    /**
     * What a device's owner offers, as the owner writes it in {@code registry/<deviceId>} command
     * {@code offer-sharing}.
     *
     * @param price              tokens per unit of usage
     * @param unit               what a unit is: {@code minute}, {@code message}, {@code kWh}, ...
     * @param gateways           the keys trusted to meter usage (the device's site gateway, say)
     * @param expiresAt          block time (ms) from which no session opens; null for no end
     * @param maxUnitsPerSession the largest budget a session may buy
     * @param serviceStartMillis how long after opening a session service must start; from then on a consumer who
     *                           was metered nothing may declare the service failed. Null for the default
     */
    record OfferTerms(Long price, String unit, List<PublicKey> gateways, Long expiresAt, Long maxUnitsPerSession,
                      Long serviceStartMillis) implements SharingCommand {
    }

    /** {@code offer}: the registry relays an owner's offer, naming the owner it checked. */
    record RelayedOffer(PublicKey owner, OfferTerms offer) implements SharingCommand {
    }

    /** {@code withdraw}: the registry relays the owner's withdrawal of the offer. */
    record RelayedWithdrawal(PublicKey owner) implements SharingCommand {
    }

    /**
     * What a consumer tells sharing through the {@code memo} object of {@code escrow-open}: the offer it accepts
     * (its sequence and price, so an offer changed in the meantime is not taken for it) and how many units the
     * escrow buys.
     */
    record SessionTerms(Long offer, Long price, Long units) implements SharingCommand {
    }

    /** {@code meter}: a trusted gateway reports {@code units} used in session {@code sessionId}. */
    record Meter(String sessionId, Long units, Long reportSeq) implements SharingCommand {
    }

    /** {@code service-failed}: the gateway, or the consumer once service is overdue, ends the session. */
    record ServiceFailed(String sessionId, String note) implements SharingCommand {
    }

    /** {@code close-session}: the consumer ends the session; what was not used goes back. */
    record CloseSession(String sessionId) implements SharingCommand {
    }

    /** The argument of query {@code session}. */
    record SessionQuery(String id) implements SharingCommand {
    }
}
