package org.fogledger.agents.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.Verifier;

/**
 * A device's request to open a session: signed with the device's registered key over the gateway's id, the fresh
 * challenge the gateway issued it, the device's clock and its firmware version. The gateway id stops a hello meant
 * for one gateway from opening a session at another; the challenge is single-use and short-lived, so a recorded
 * hello cannot be replayed; the time bounds how stale a hello may be even within the challenge's life.
 *
 * <p>Signed bytes: {@code "FOGLEDGER/v1/gateway-hello\0" || 01 | deviceId:string | gatewayId:string |
 * challenge:32 | timeMillis:u64 | firmware:string} (strings as {@code u32 length || UTF-8}).
 */
public record DeviceHello(String deviceId, String gatewayId, Hash challenge, long timeMillis, String firmware,
                          Signature signature) {
    static final byte[] DOMAIN = "FOGLEDGER/v1/gateway-hello\0".getBytes(StandardCharsets.US_ASCII);
    public static final int MAX_FIRMWARE_LENGTH = 64;

    public DeviceHello {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(signature, "signature");
        if (deviceId.isEmpty() || deviceId.length() > 128) {
            throw new IllegalArgumentException("deviceId must be 1-128 characters, got " + deviceId.length());
        }
        if (firmware.isEmpty() || firmware.length() > MAX_FIRMWARE_LENGTH) {
            throw new IllegalArgumentException("firmware must be 1-" + MAX_FIRMWARE_LENGTH + " characters");
        }
    }

    /** The hello a device with {@code key} sends. */
    public static DeviceHello sign(KeyPair key, String deviceId, String gatewayId, Hash challenge, long timeMillis,
                                   String firmware) {
        return new DeviceHello(deviceId, gatewayId, challenge, timeMillis, firmware,
                key.sign(signedBytes(deviceId, gatewayId, challenge, timeMillis, firmware)));
    }

    static byte[] signedBytes(String deviceId, String gatewayId, Hash challenge, long timeMillis, String firmware) {
        CanonicalWriter out = new CanonicalWriter(128);
        out.writeFixed(DOMAIN);
        out.writeU8(1);
        out.writeString(deviceId);
        out.writeString(gatewayId);
        out.writeHash(challenge);
        out.writeU64(timeMillis);
        out.writeString(firmware);
        return out.toByteArray();
    }

    public boolean verifiesUnder(PublicKey deviceKey) {
        return Verifier.verify(deviceKey, signedBytes(deviceId, gatewayId, challenge, timeMillis, firmware),
                signature);
    }
}
