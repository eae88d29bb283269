package org.fogledger.agents.mqtt;

import java.util.Base64;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.SignedReading;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.Signature;

/**
 * What devices publish, as JSON (read strictly by {@code ContractJson}: unknown fields, missing fields and wrong
 * types are refused naming the field). Each carries exactly what the gateway's {@link DeviceHello} or
 * {@link SignedReading} needs, so the signature the device made over those bytes is checked by the gateway as is.
 * Hashes are 64 hex digits, signatures tagged hex ({@code 01} + 128 hex digits for Ed25519), payloads base64.
 */
public sealed interface DeviceMessage {

    /** On {@code <prefix>/devices/<deviceId>/hello}. */
    record Hello(String deviceId, String gatewayId, Hash challenge, Long timeMillis, String firmware,
                 Signature signature) implements DeviceMessage {

        public static Hello of(DeviceHello hello) {
            return new Hello(hello.deviceId(), hello.gatewayId(), hello.challenge(), hello.timeMillis(),
                    hello.firmware(), hello.signature());
        }

        /** The gateway's hello; throws {@link IllegalArgumentException} naming what is missing or wrong. */
        public DeviceHello toHello() {
            required(deviceId, "deviceId");
            required(gatewayId, "gatewayId");
            required(challenge, "challenge");
            required(timeMillis, "timeMillis");
            required(firmware, "firmware");
            required(signature, "signature");
            return new DeviceHello(deviceId, gatewayId, challenge, timeMillis, firmware, signature);
        }
    }

    /** On {@code <prefix>/devices/<deviceId>/readings} and {@code .../status}. */
    record Reading(String deviceId, Hash sessionId, Long sequence, Coding dataClass, Long timeMillis, String payload,
                   Signature signature) implements DeviceMessage {

        public static Reading of(SignedReading reading) {
            return new Reading(reading.deviceId(), reading.sessionId(), reading.sequence(),
                    Coding.of(reading.dataClass().system(), reading.dataClass().code()), reading.timeMillis(),
                    Base64.getEncoder().encodeToString(reading.payload()), reading.signature());
        }

        /** The gateway's reading; throws {@link IllegalArgumentException} naming what is missing or wrong. */
        public SignedReading toReading() {
            required(deviceId, "deviceId");
            required(sessionId, "sessionId");
            required(sequence, "sequence");
            required(dataClass, "dataClass");
            required(timeMillis, "timeMillis");
            required(payload, "payload");
            required(signature, "signature");
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(payload);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field 'payload': not base64: " + e.getMessage());
            }
            return new SignedReading(deviceId, sessionId, sequence, Coding.of(dataClass.system(), dataClass.code()),
                    timeMillis, bytes, signature);
        }
    }

    private static void required(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "': missing");
        }
    }
}
