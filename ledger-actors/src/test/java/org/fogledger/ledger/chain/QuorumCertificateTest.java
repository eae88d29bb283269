package org.fogledger.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Verifier;
import org.junit.jupiter.api.Test;

class QuorumCertificateTest {
    private final ValidatorSet validators = ChainFixtures.validators(4);
    private final Block block = ChainFixtures.block(3);

    private ValidatorSignature vote(int signer) {
        return QuorumCertificate.signVote(ChainFixtures.key(signer), block.hash(), block.round(), block.height());
    }

    private QuorumCertificate certificate(List<ValidatorSignature> votes) {
        return new QuorumCertificate(block.hash(), block.round(), block.height(), votes);
    }

    private static String reason(Optional<String> check) {
        assertTrue(check.isPresent(), "expected the certificate to be refused");
        return check.get();
    }

    @Test
    void aQuorumOfValidVotesIsAccepted() {
        assertEquals(Optional.empty(), certificate(List.of(vote(0), vote(1), vote(2))).check(validators));
        assertEquals(Optional.empty(), certificate(List.of(vote(3), vote(1), vote(2), vote(0))).check(validators));
        certificate(List.of(vote(2), vote(3), vote(0))).verify(validators);
    }

    @Test
    void tooFewSignaturesAreRefused() {
        QuorumCertificate qc = certificate(List.of(vote(0), vote(1)));
        assertEquals("certificate for block " + block.hash().shortHex() + " round 1 has 2 signature(s), quorum is 3"
                + " of 4", reason(qc.check(validators)));
        InvalidCertificateException e = assertThrows(InvalidCertificateException.class, () -> qc.verify(validators));
        assertTrue(e.getMessage().contains("quorum is 3"));
    }

    @Test
    void aDuplicateSignerIsRefused() {
        QuorumCertificate qc = certificate(List.of(vote(0), vote(1), vote(1)));
        assertTrue(reason(qc.check(validators)).contains("lists signer " + ChainFixtures.key(1).publicKey()
                + " twice"), reason(qc.check(validators)));
        // Even when the duplicates come on top of a real quorum: a certificate is canonical or it is refused.
        QuorumCertificate padded = certificate(List.of(vote(0), vote(1), vote(2), vote(2)));
        assertTrue(reason(padded.check(validators)).contains("twice"));
    }

    @Test
    void aSignerOutsideTheSetIsRefused() {
        QuorumCertificate qc = certificate(List.of(vote(0), vote(1), vote(5)));
        assertTrue(reason(qc.check(validators)).contains(ChainFixtures.key(5).publicKey() + ", not a validator"),
                reason(qc.check(validators)));
    }

    @Test
    void aBadSignatureIsRefused() {
        // Validator 2 signed another round: a valid signature, but not over this vote.
        ValidatorSignature otherRound = QuorumCertificate.signVote(ChainFixtures.key(2), block.hash(),
                block.round() + 1, block.height());
        QuorumCertificate qc = certificate(List.of(vote(0), vote(1), otherRound));
        assertTrue(reason(qc.check(validators)).contains("signature of " + ChainFixtures.key(2).publicKey()
                + " does not verify"), reason(qc.check(validators)));
        // Validator 2's signature attributed to validator 3.
        ValidatorSignature stolen = new ValidatorSignature(ChainFixtures.key(3).publicKey(), vote(2).signature());
        assertTrue(reason(certificate(List.of(vote(0), vote(1), stolen)).check(validators))
                .contains("does not verify"));
    }

    @Test
    void theCertificateIsBoundToHeightAndBlock() {
        QuorumCertificate wrongHeight = new QuorumCertificate(block.hash(), block.round(), block.height() + 1,
                List.of(vote(0), vote(1), vote(2)));
        assertTrue(wrongHeight.check(validators).isPresent());
        QuorumCertificate wrongBlock = new QuorumCertificate(ChainFixtures.hashOf("other"), block.round(),
                block.height(), List.of(vote(0), vote(1), vote(2)));
        assertTrue(wrongBlock.check(validators).isPresent());
    }

    @Test
    void signaturesAreSortedBySignerWhateverTheInputOrder() {
        List<ValidatorSignature> votes = new ArrayList<>(List.of(vote(3), vote(0), vote(2), vote(1)));
        QuorumCertificate a = certificate(votes);
        java.util.Collections.reverse(votes);
        QuorumCertificate b = certificate(votes);
        assertEquals(a, b);
        assertEquals(a.encode().length, b.encode().length);
        List<PublicKey> signers = a.signers();
        for (int i = 1; i < signers.size(); i++) {
            assertTrue(ValidatorSignature.compareSigners(signers.get(i - 1), signers.get(i)) < 0);
        }
    }

    @Test
    void decodingRefusesDuplicateOrUnsortedSigners() {
        QuorumCertificate qc = certificate(List.of(vote(0), vote(1), vote(1)));
        byte[] bytes = qc.encode();
        DecodingException e = assertThrows(DecodingException.class,
                () -> QuorumCertificate.decode(bytes, CodecLimits.DEFAULT));
        int secondEntry = 2 + 32 + 16 + 4 + 2 * (33 + 65);
        assertEquals("quorumCertificate.signatures[2].signer: signers must be strictly ascending (duplicate or out of"
                + " order) at offset " + secondEntry, e.getMessage());
    }

    @Test
    void genesisCertificateIsValidOnlyForTheGenesisBlock() {
        Block genesis = Block.genesis(ChainFixtures.CHAIN_ID);
        QuorumCertificate qc = QuorumCertificate.genesis(genesis);
        assertTrue(qc.isGenesis());
        assertEquals(0, qc.height());
        assertEquals(0, qc.round());
        assertEquals(genesis.hash(), qc.blockHash());
        assertEquals(Optional.empty(), qc.check(validators, genesis.hash()));
        qc.verify(validators, genesis.hash());
        // Without the genesis hash it is just a certificate with no signatures.
        assertTrue(qc.check(validators).isPresent());
        // An unsigned "genesis" certificate for any other block proves nothing.
        QuorumCertificate forged = new QuorumCertificate(block.hash(), 0, 0, List.of());
        assertTrue(forged.check(validators, genesis.hash()).isPresent());
        assertThrows(IllegalArgumentException.class, () -> QuorumCertificate.genesis(block));
    }

    /** A vote signature must not be usable as a transaction signature, nor the reverse. */
    @Test
    void aVoteSignatureDoesNotVerifyAsATransactionSignature() {
        KeyPair key = ChainFixtures.key(0);
        Transaction tx = ChainFixtures.transaction(0, 7);
        // The signer signs a vote whose body equals the transaction's body: only the domain differs.
        byte[] txSigning = tx.signingBytes();
        byte[] body = java.util.Arrays.copyOfRange(txSigning,
                org.fogledger.ledger.codec.Domain.TRANSACTION.prefixLength(), txSigning.length);
        var voteLikeSignature = key.sign(org.fogledger.ledger.codec.Domain.VOTE.signingBytes(body));
        Transaction forged = new Transaction(tx.chainId(), tx.sender(), tx.nonce(), tx.contract(), tx.command(),
                tx.payload(), voteLikeSignature);
        assertTrue(tx.hasValidSignature());
        assertTrue(!forged.hasValidSignature());
        // And a transaction signature is not a vote.
        Hash asBlock = tx.hash();
        assertTrue(!Verifier.verify(key.publicKey(), QuorumCertificate.voteSigningBytes(asBlock, 0, 0),
                tx.signature()));
    }

    @Test
    void postQuantumValidatorsCanSign() {
        KeyPair pq = ChainFixtures.mlDsaKey();
        ValidatorSet mixed = new ValidatorSet(List.of(ChainFixtures.key(0).publicKey(),
                ChainFixtures.key(1).publicKey(), pq.publicKey(), ChainFixtures.key(3).publicKey()));
        QuorumCertificate qc = certificate(List.of(vote(0), vote(1),
                QuorumCertificate.signVote(pq, block.hash(), block.round(), block.height())));
        assertEquals(Optional.empty(), qc.check(mixed));
        assertEquals(qc, QuorumCertificate.decode(qc.encode(), CodecLimits.DEFAULT));
    }
}
