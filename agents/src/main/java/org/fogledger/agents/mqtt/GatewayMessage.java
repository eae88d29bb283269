package org.fogledger.agents.mqtt;

import java.util.Optional;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.Hash;

/** What the ingress publishes to a device, as JSON (properties sorted, absent values left out). */
public sealed interface GatewayMessage {

    /**
     * The message published on a device topic of {@code kind}, read from its JSON (errors name {@code topic}); empty
     * for the kinds devices publish, which carry no gateway message.
     */
    static Optional<GatewayMessage> read(MqttTopics.Kind kind, byte[] payload, String topic) {
        Class<? extends GatewayMessage> type = switch (kind) {
            case CHALLENGE -> Challenge.class;
            case SESSION -> Session.class;
            case RECEIPTS -> Receipt.class;
            case ERRORS -> Error.class;
            case CHALLENGE_REQUEST, HELLO, READINGS, STATUS -> null;
        };
        return type == null ? Optional.empty() : Optional.of(ContractJson.read(payload, type, topic));
    }

    /** On {@code .../challenge}: sign it into a hello for {@code gatewayId}; good once, for a limited time. */
    record Challenge(String gatewayId, Hash challenge) implements GatewayMessage {
    }

    /**
     * On {@code .../session}: the session (its id is the hello's challenge) is {@code opened}, {@code refused}
     * (with the gateway's reason) or {@code closed} (with the reason: blocked, quarantined, replaced).
     */
    record Session(String state, Hash sessionId, String reason) implements GatewayMessage {
        public static final String OPENED = "opened";
        public static final String REFUSED = "refused";
        public static final String CLOSED = "closed";

        public boolean is(String wanted) {
            return wanted.equals(state);
        }
    }

    /** On {@code .../receipts}: a reading or status report {@code accepted} or {@code refused} with the reason. */
    record Receipt(String state, Hash sessionId, long sequence, String reason) implements GatewayMessage {
        public static final String ACCEPTED = "accepted";
        public static final String REFUSED = "refused";

        public boolean accepted() {
            return ACCEPTED.equals(state);
        }
    }

    /** On {@code .../errors}: a message on {@code topic} (its kind) refused by the ingress, and what is wrong. */
    record Error(String topic, String error) implements GatewayMessage {
    }
}
