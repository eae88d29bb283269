package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * The crypto value types on the wire, written as their canonical tagged bytes and rebuilt through their own
 * checking factories, never through reflection into their fields. The scheme tag fixes the length, so no
 * length prefix is written and none can be forged.
 */
final class CryptoKryoSerializers {
    private CryptoKryoSerializers() {
    }

    /** 32 bytes, rebuilt with {@link Hash#of(byte[])}. */
    static final class HashSerializer extends Serializer<Hash> {
        HashSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, Hash hash) {
            output.writeBytes(hash.bytes());
        }

        @Override
        public Hash read(Kryo kryo, Input input, Class<? extends Hash> type) {
            return Hash.of(input.readBytes(Hash.LENGTH));
        }
    }

    /** The tagged encoding {@code tag || raw}, rebuilt with {@link PublicKey#fromEncoded(byte[])}. */
    static final class PublicKeySerializer extends Serializer<PublicKey> {
        PublicKeySerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, PublicKey key) {
            output.writeBytes(key.encoded());
        }

        @Override
        public PublicKey read(Kryo kryo, Input input, Class<? extends PublicKey> type) {
            int tag = input.readByteUnsigned();
            SignatureScheme scheme = scheme(tag);
            byte[] encoded = new byte[1 + scheme.publicKeyLength()];
            encoded[0] = (byte) tag;
            input.readBytes(encoded, 1, scheme.publicKeyLength());
            return PublicKey.fromEncoded(encoded);
        }
    }

    /** The scheme's tag then the raw signature, rebuilt with {@link Signature#of(SignatureScheme, byte[])}. */
    static final class SignatureSerializer extends Serializer<Signature> {
        SignatureSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, Signature signature) {
            output.writeByte(signature.scheme().tag());
            output.writeBytes(signature.raw());
        }

        @Override
        public Signature read(Kryo kryo, Input input, Class<? extends Signature> type) {
            SignatureScheme scheme = scheme(input.readByteUnsigned());
            return Signature.of(scheme, input.readBytes(scheme.signatureLength()));
        }
    }

    private static SignatureScheme scheme(int tag) {
        try {
            return SignatureScheme.fromTag(tag);
        } catch (IllegalArgumentException e) {
            throw new KryoException(e.getMessage(), e);
        }
    }
}
