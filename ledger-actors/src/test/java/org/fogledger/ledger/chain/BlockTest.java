package org.fogledger.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.crypto.Hash;
import org.junit.jupiter.api.Test;

class BlockTest {

    @Test
    void createCommitsToTheTransactions() {
        Block block = ChainFixtures.block(5);
        assertTrue(block.transactionsMatchRoot());
        assertEquals(block.header().hash(), block.hash());
        for (int i = 0; i < 5; i++) {
            assertTrue(block.proofFor(i).verify(block.transactions().get(i).hash(), block.header().transactionsRoot()));
        }
    }

    @Test
    void swappedOrMissingTransactionsDoNotMatchTheRoot() {
        Block block = ChainFixtures.block(3);
        List<Transaction> swapped = new ArrayList<>(block.transactions());
        java.util.Collections.swap(swapped, 0, 1);
        assertFalse(new Block(block.header(), swapped).transactionsMatchRoot());
        assertFalse(new Block(block.header(), block.transactions().subList(0, 2)).transactionsMatchRoot());
        // Same header, so same id: the header alone is what votes and certificates bind to.
        assertEquals(block.hash(), new Block(block.header(), swapped).hash());
    }

    @Test
    void genesisIsDeterministicAndChainSpecific() {
        Block a = Block.genesis("chain-a");
        assertEquals(a, Block.genesis("chain-a"));
        assertEquals(a.hash(), Block.genesis("chain-a").hash());
        assertNotEquals(a.hash(), Block.genesis("chain-b").hash());
        assertEquals(0, a.height());
        assertEquals(0, a.round());
        assertEquals(Hash.ZERO, a.parentHash());
        assertEquals(Block.GENESIS_PROPOSER, a.header().proposer());
        assertEquals(0, a.header().timestampMillis());
        assertTrue(a.transactions().isEmpty());
        assertTrue(a.transactionsMatchRoot());
        assertEquals(MerkleTree.root(List.of()), a.header().transactionsRoot());
        assertEquals(a, Block.decode(a.encode(), CodecLimits.DEFAULT));
    }

    @Test
    void tooManyTransactionsAreRefused() {
        Block block = ChainFixtures.block(4);
        CodecLimits three = CodecLimits.DEFAULT.withMaxTransactionsPerBlock(3);
        DecodingException e = assertThrows(DecodingException.class, () -> Block.decode(block.encode(), three));
        int countAt = 2 + block.header().encode().length;
        assertEquals("block.transactions: length 4 exceeds limit 3 at offset " + countAt, e.getMessage());
    }

    @Test
    void aBlockOverTheSizeLimitIsRefused() {
        Block block = ChainFixtures.block(4);
        int size = block.encode().length;
        assertEquals(size, block.encodedSize());
        CodecLimits tight = new CodecLimits(size - 1, 100, size - 1, 10, 10, 256);
        DecodingException e = assertThrows(DecodingException.class, () -> Block.decode(block.encode(), tight));
        assertEquals("block: length " + size + " exceeds limit " + (size - 1) + " at offset 0", e.getMessage());
    }

    @Test
    void errorsInsideATransactionNameItsIndexAndAbsoluteOffset() {
        Block block = ChainFixtures.block(2);
        byte[] bytes = block.encode();
        int secondTxAt = 2 + block.header().encode().length + 4 + 4 + block.transactions().get(0).encodedSize() + 4;
        bytes[secondTxAt] = 9;
        DecodingException e = assertThrows(DecodingException.class, () -> Block.decode(bytes, CodecLimits.DEFAULT));
        assertEquals("block.transactions[1].version: unknown format version 9 (this node reads version 1) at offset "
                + secondTxAt, e.getMessage());
    }

    @Test
    void aTransactionLengthThatDisagreesWithItsContentIsRefused() {
        Block block = ChainFixtures.block(1);
        byte[] bytes = block.encode();
        int lengthAt = 2 + block.header().encode().length + 4;
        // One byte longer than the transaction: the transaction ends early inside its slice.
        bytes[lengthAt + 3] += 1;
        assertThrows(DecodingException.class, () -> Block.decode(bytes, CodecLimits.DEFAULT));
    }
}
