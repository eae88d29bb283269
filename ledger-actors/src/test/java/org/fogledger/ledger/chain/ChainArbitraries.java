package org.fogledger.ledger.chain;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;

/** jqwik generators for every chain kind, within the default codec limits. */
public final class ChainArbitraries {
    private ChainArbitraries() {
    }

    /** Mostly Ed25519 test keys, sometimes the ML-DSA one (large keys and signatures exercise the limits). */
    public static Arbitrary<KeyPair> keyPairs() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, Arbitraries.integers().between(0, 7).map(ChainFixtures::key)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0).map(i -> ChainFixtures.mlDsaKey())));
    }

    public static Arbitrary<PublicKey> publicKeys() {
        return Arbitraries.oneOf(
                keyPairs().map(KeyPair::publicKey),
                Arbitraries.bytes().array(byte[].class).ofSize(32).map(raw -> PublicKey.of(SignatureScheme.ED25519, raw)));
    }

    public static Arbitrary<Hash> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Hash.LENGTH).map(Hash::of);
    }

    /**
     * Strings of 1-, 2- and 3-byte UTF-8 characters below the surrogate range (a lone surrogate has no UTF-8 form;
     * 4-byte characters are covered by a unit test), at most 80 characters so they fit 256 bytes.
     */
    public static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars("-_./:").ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(80));
    }

    public static Arbitrary<byte[]> payloads(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    /** Properly signed transactions. */
    public static Arbitrary<Transaction> transactions() {
        return Combinators.combine(keyPairs(), strings(), Arbitraries.longs().greaterOrEqual(0), strings(),
                        strings(), payloads(2048))
                .as(Transaction::sign);
    }

    /** Transactions whose signature is arbitrary bytes (decoding must not care). */
    public static Arbitrary<Transaction> unsignedTransactions() {
        return Combinators.combine(publicKeys(), strings(), Arbitraries.longs().greaterOrEqual(0), strings(),
                        payloads(512), Arbitraries.bytes().array(byte[].class).ofSize(64))
                .as((sender, text, nonce, command, payload, sig) -> new Transaction(text, sender, nonce, text, command,
                        payload, Signature.of(SignatureScheme.ED25519, sig)));
    }

    public static Arbitrary<BlockHeader> headers() {
        return Combinators.combine(Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0),
                        hashes(), hashes(), Arbitraries.longs().greaterOrEqual(0), hashes(), publicKeys(),
                        Arbitraries.longs())
                .as((height, round, parent, txRoot, executedBelow, results, proposer, time) -> new BlockHeader(height,
                        round, parent, txRoot,
                        new ExecutedResults(height == 0 ? 0 : Math.floorMod(executedBelow, height), results),
                        proposer, time));
    }

    public static Arbitrary<Block> blocks() {
        return Combinators.combine(headers(), transactions().list().ofMaxSize(6))
                .as((header, txs) -> Block.create(header.height(), header.round(), header.parentHash(),
                        header.executed(), header.proposer(), header.timestampMillis(), txs));
    }

    public static Arbitrary<ValidatorSignature> validatorSignatures() {
        return Combinators.combine(keyPairs(), hashes())
                .as((key, message) -> new ValidatorSignature(key.publicKey(), key.sign(message.bytes())));
    }

    /** Certificates with distinct signers (the decoder refuses duplicates). */
    public static Arbitrary<QuorumCertificate> certificates() {
        return Combinators.combine(hashes(), Arbitraries.longs().greaterOrEqual(0),
                        Arbitraries.longs().greaterOrEqual(0),
                        validatorSignatures().list().ofMaxSize(9).uniqueElements(ValidatorSignature::signer))
                .as(QuorumCertificate::new);
    }

    public static Arbitrary<Receipt> receipts() {
        return Combinators.combine(hashes(), Arbitraries.longs().greaterOrEqual(0),
                        Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(ReceiptStatus.class), strings(),
                        payloads(1024))
                .as(Receipt::new);
    }

    public static Arbitrary<StoredEvent> storedEvents() {
        return Combinators.combine(strings(), Arbitraries.integers().greaterOrEqual(0), payloads(1024))
                .as(StoredEvent::new);
    }

    public static Arbitrary<ValidatorSet> validatorSets() {
        return publicKeys().list().ofMinSize(1).ofMaxSize(12).uniqueElements().map(ValidatorSet::new);
    }

    public static Arbitrary<MerkleProof> merkleProofs() {
        return Arbitraries.integers().between(1, 200).flatMap(size ->
                Combinators.combine(Arbitraries.integers().between(0, size - 1), hashes().list().ofSize(size))
                        .as((index, leaves) -> MerkleTree.proof(leaves, index)));
    }

    /** Picks one arbitrary of a list, for properties over "every kind". */
    static <T> Arbitrary<T> anyOf(List<Arbitrary<? extends T>> choices) {
        return Arbitraries.oneOf(choices);
    }
}
