package org.fogledger.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Test;

class TransactionTest {

    @Test
    void aSignedTransactionVerifies() {
        Transaction tx = ChainFixtures.transaction(0, 1);
        assertTrue(tx.hasValidSignature());
        assertEquals(ChainFixtures.key(0).publicKey(), tx.sender());
    }

    @Test
    void signingBytesAreTheDomainPrefixAndTheEncodingWithoutTheSignature() {
        Transaction tx = ChainFixtures.transaction(0, 1);
        byte[] encoding = tx.encode();
        int unsigned = encoding.length - 65;
        assertArrayEquals(Domain.TRANSACTION.signingBytes(Arrays.copyOf(encoding, unsigned)), tx.signingBytes());
        assertEquals(Domain.TRANSACTION.hash(encoding), tx.hash());
        assertEquals(encoding.length, tx.encodedSize());
    }

    @Test
    void changingAnySignedFieldBreaksTheSignature() {
        Transaction tx = ChainFixtures.transaction(0, 1);
        Transaction[] altered = {
            new Transaction("other-chain", tx.sender(), tx.nonce(), tx.contract(), tx.command(), tx.payload(),
                    tx.signature()),
            new Transaction(tx.chainId(), ChainFixtures.key(1).publicKey(), tx.nonce(), tx.contract(), tx.command(),
                    tx.payload(), tx.signature()),
            new Transaction(tx.chainId(), tx.sender(), tx.nonce() + 1, tx.contract(), tx.command(), tx.payload(),
                    tx.signature()),
            new Transaction(tx.chainId(), tx.sender(), tx.nonce(), "consent", tx.command(), tx.payload(),
                    tx.signature()),
            new Transaction(tx.chainId(), tx.sender(), tx.nonce(), tx.contract(), "revoke", tx.payload(),
                    tx.signature()),
            new Transaction(tx.chainId(), tx.sender(), tx.nonce(), tx.contract(), tx.command(), new byte[] {1},
                    tx.signature()),
        };
        for (Transaction t : altered) {
            assertFalse(t.hasValidSignature(), t.toString());
            assertNotEquals(tx, t);
            assertNotEquals(tx.hash(), t.hash());
        }
    }

    @Test
    void mlDsaTransactionsVerifyAndRoundTrip() {
        KeyPair key = ChainFixtures.mlDsaKey();
        Transaction tx = Transaction.sign(key, ChainFixtures.CHAIN_ID, 3, "registry", "register", new byte[100]);
        assertTrue(tx.hasValidSignature());
        assertEquals(tx, Transaction.decode(tx.encode(), CodecLimits.DEFAULT));
    }

    @Test
    void valuesAreDefensivelyCopied() {
        byte[] payload = "abc".getBytes(StandardCharsets.UTF_8);
        Transaction tx = Transaction.sign(ChainFixtures.key(0), "c", 0, "x", "y", payload);
        payload[0] = 'z';
        tx.payload()[1] = 'z';
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), tx.payload());
        byte[] encoding = tx.encode();
        encoding[5] ^= 1;
        assertArrayEquals(Transaction.decode(tx.encode(), CodecLimits.DEFAULT).encode(), tx.encode());
        assertTrue(tx.hasValidSignature());
    }

    @Test
    void aNegativeNonceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChainFixtures.transaction(0, -1));
    }

    @Test
    void aTransactionOverTheSizeLimitIsRefusedBeforeDecoding() {
        Transaction tx = Transaction.sign(ChainFixtures.key(0), "c", 0, "x", "y", new byte[1000]);
        CodecLimits small = CodecLimits.DEFAULT.withMaxPayloadBytes(500).withMaxTransactionBytes(600);
        DecodingException e = assertThrows(DecodingException.class, () -> Transaction.decode(tx.encode(), small));
        assertEquals("transaction: length " + tx.encodedSize() + " exceeds limit 600 at offset 0", e.getMessage());
        CodecLimits payloadOnly = CodecLimits.DEFAULT.withMaxPayloadBytes(999);
        DecodingException p = assertThrows(DecodingException.class,
                () -> Transaction.decode(tx.encode(), payloadOnly));
        assertTrue(p.getMessage().startsWith("transaction.payload: length 1000 exceeds limit 999 at offset "),
                p.getMessage());
    }

    @Test
    void aNonceWithTheTopBitSetIsRefused() {
        Transaction tx = ChainFixtures.transaction(0, 1);
        byte[] bytes = tx.encode();
        int nonceAt = 2 + 4 + ChainFixtures.CHAIN_ID.length() + 33;
        bytes[nonceAt] = (byte) 0x80;
        DecodingException e = assertThrows(DecodingException.class,
                () -> Transaction.decode(bytes, CodecLimits.DEFAULT));
        assertTrue(e.getMessage().startsWith("transaction.nonce: value "), e.getMessage());
        assertEquals(nonceAt, e.offset());
    }
}
