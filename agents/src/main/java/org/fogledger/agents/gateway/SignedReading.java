package org.fogledger.agents.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.Verifier;

/**
 * One reading a device sends in a session, signed with its registered key. The session id (the challenge of the
 * hello that opened it) binds the reading to that session, and {@code sequence} must grow within it, so a reading
 * cannot be replayed in the same session or carried into another.
 *
 * <p>Signed bytes: {@code "FOGLEDGER/v1/gateway-reading\0" || 01 | deviceId:string | sessionId:32 | sequence:u64 |
 * dataClass.system:string | dataClass.code:string | timeMillis:u64 | payload:bytes}.
 *
 * @param dataClass what the payload measures, as the consent model names data classes (e.g. LOINC 8867-4)
 */
public record SignedReading(String deviceId, Hash sessionId, long sequence, Coding dataClass, long timeMillis,
                            byte[] payload, Signature signature) {
    static final byte[] DOMAIN = "FOGLEDGER/v1/gateway-reading\0".getBytes(StandardCharsets.US_ASCII);
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    public SignedReading {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(payload, "payload");
        if (dataClass.system() == null || dataClass.code() == null || dataClass.code().isEmpty()
                || dataClass.code().length() > 64 || dataClass.system().length() > 256) {
            throw new IllegalArgumentException("dataClass needs a system (at most 256 characters) and a code "
                    + "(1-64 characters), got " + dataClass);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a reading's payload is at most " + MAX_PAYLOAD_BYTES + " bytes, got "
                    + payload.length);
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
        }
        payload = payload.clone();
    }

    public static SignedReading sign(KeyPair key, String deviceId, Hash sessionId, long sequence, Coding dataClass,
                                     long timeMillis, byte[] payload) {
        return new SignedReading(deviceId, sessionId, sequence, dataClass, timeMillis, payload,
                key.sign(signedBytes(deviceId, sessionId, sequence, dataClass, timeMillis, payload)));
    }

    static byte[] signedBytes(String deviceId, Hash sessionId, long sequence, Coding dataClass, long timeMillis,
                              byte[] payload) {
        CanonicalWriter out = new CanonicalWriter(128 + payload.length);
        out.writeFixed(DOMAIN);
        out.writeU8(1);
        out.writeString(deviceId);
        out.writeHash(sessionId);
        out.writeU64(sequence);
        out.writeString(dataClass.system());
        out.writeString(dataClass.code());
        out.writeU64(timeMillis);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    public boolean verifiesUnder(PublicKey deviceKey) {
        return Verifier.verify(deviceKey, signedBytes(deviceId, sessionId, sequence, dataClass, timeMillis, payload),
                signature);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** SHA-256 of the payload: how trace records name the data without revealing it. */
    public Hash contentHash() {
        return org.fogledger.ledger.crypto.Sha256.hash(payload);
    }
}
