package org.fogledger.ledger.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.Verifier;

/**
 * Proof that a quorum of validators voted for block {@code blockHash} at {@code round}: their signatures over
 * {@link #voteSigningBytes}. {@code height} is part of what is signed, so a node catching up can place a
 * certificate without fetching the block first.
 *
 * <p>The constructor sorts the signatures by signer ({@link ValidatorSignature#BY_SIGNER}), so equal sets of votes
 * give equal certificates and one encoding. It does not reject duplicates or strangers: {@link #check} does, with a
 * reason, because a certificate built from network input must be reported, not crash its builder.
 *
 * <p>Encoding (version 1): {@code 01 | kind QUORUM_CERTIFICATE | blockHash:32 | round:u64 | height:u64 |
 * count:u32 | count x (signer:key | signature:sig)}, signers strictly ascending (the decoder refuses duplicates and
 * any other order).
 */
public record QuorumCertificate(Hash blockHash, long round, long height, List<ValidatorSignature> signatures) {

    public QuorumCertificate {
        Objects.requireNonNull(blockHash, "blockHash");
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, got " + round);
        }
        if (height < 0) {
            throw new IllegalArgumentException("height must be >= 0, got " + height);
        }
        List<ValidatorSignature> sorted = new ArrayList<>(signatures);
        sorted.sort(ValidatorSignature.BY_SIGNER);
        signatures = List.copyOf(sorted);
    }

    /** What a validator signs to vote for a block: VOTE prefix || {@code 01 | kind VOTE | blockHash | round | height}. */
    public static byte[] voteSigningBytes(Hash blockHash, long round, long height) {
        CanonicalWriter body = new CanonicalWriter(2 + Hash.LENGTH + 16);
        body.writeHeader(Kind.VOTE);
        body.writeHash(blockHash);
        body.writeU64(round);
        body.writeU64(height);
        return Domain.VOTE.signingBytes(body.toByteArray());
    }

    /** {@code key}'s vote for the block, ready to go into a certificate. */
    public static ValidatorSignature signVote(KeyPair key, Hash blockHash, long round, long height) {
        return new ValidatorSignature(key.publicKey(), key.sign(voteSigningBytes(blockHash, round, height)));
    }

    /**
     * The certificate of the genesis block: round 0, height 0, no signatures. Nobody votes for genesis; every node
     * derives it from the chain id, so it is valid by definition, but only for that block: see
     * {@link #check(ValidatorSet, Hash)}.
     */
    public static QuorumCertificate genesis(Block genesis) {
        if (genesis.height() != 0) {
            throw new IllegalArgumentException("not a genesis block: height " + genesis.height());
        }
        return new QuorumCertificate(genesis.hash(), 0, 0, List.of());
    }

    /** True for the shape of a genesis certificate (no signatures, round 0, height 0), whatever its block. */
    public boolean isGenesis() {
        return signatures.isEmpty() && round == 0 && height == 0;
    }

    /**
     * Why this certificate does not prove a quorum of {@code validators} voted for {@code blockHash}, or empty if
     * it does: it needs at least {@code quorumSize} signatures, no signer twice, every signer a member, and every
     * signature valid over {@link #voteSigningBytes}. A genesis certificate fails here (it has no signatures); use
     * {@link #check(ValidatorSet, Hash)} where the genesis certificate may appear.
     */
    public Optional<String> check(ValidatorSet validators) {
        int quorum = validators.quorumSize();
        if (signatures.size() < quorum) {
            return Optional.of("certificate for block " + blockHash.shortHex() + " round " + round + " has "
                    + signatures.size() + " signature(s), quorum is " + quorum + " of " + validators.size());
        }
        PublicKey previous = null;
        for (ValidatorSignature vote : signatures) {
            // Sorted by signer, so a duplicate is always next to its twin.
            if (vote.signer().equals(previous)) {
                return Optional.of("certificate for block " + blockHash.shortHex() + " round " + round
                        + " lists signer " + vote.signer() + " twice");
            }
            previous = vote.signer();
            if (!validators.contains(vote.signer())) {
                return Optional.of("certificate for block " + blockHash.shortHex() + " round " + round
                        + " is signed by " + vote.signer() + ", not a validator");
            }
        }
        // Signatures last: they are the expensive part, and a malformed certificate should not cost a verify.
        byte[] message = voteSigningBytes(blockHash, round, height);
        for (ValidatorSignature vote : signatures) {
            if (!Verifier.verify(vote.signer(), message, vote.signature())) {
                return Optional.of("certificate for block " + blockHash.shortHex() + " round " + round
                        + ": signature of " + vote.signer() + " does not verify");
            }
        }
        return Optional.empty();
    }

    /** As {@link #check(ValidatorSet)}, but the genesis certificate of {@code genesisHash} is also valid. */
    public Optional<String> check(ValidatorSet validators, Hash genesisHash) {
        if (isGenesis() && blockHash.equals(genesisHash)) {
            return Optional.empty();
        }
        return check(validators);
    }

    /** {@link #check(ValidatorSet)}, throwing {@link InvalidCertificateException} with the reason. */
    public void verify(ValidatorSet validators) {
        check(validators).ifPresent(reason -> {
            throw new InvalidCertificateException(reason);
        });
    }

    /** {@link #check(ValidatorSet, Hash)}, throwing {@link InvalidCertificateException} with the reason. */
    public void verify(ValidatorSet validators, Hash genesisHash) {
        check(validators, genesisHash).ifPresent(reason -> {
            throw new InvalidCertificateException(reason);
        });
    }

    /** The signers, in certificate order. */
    public List<PublicKey> signers() {
        List<PublicKey> signers = new ArrayList<>(signatures.size());
        for (ValidatorSignature vote : signatures) {
            signers.add(vote.signer());
        }
        return signers;
    }

    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter(64 + signatures.size() * 100);
        writeTo(out);
        return out.toByteArray();
    }

    public void writeTo(CanonicalWriter out) {
        out.writeHeader(Kind.QUORUM_CERTIFICATE);
        out.writeHash(blockHash);
        out.writeU64(round);
        out.writeU64(height);
        out.writeU32(signatures.size());
        for (ValidatorSignature vote : signatures) {
            out.writePublicKey(vote.signer());
            out.writeSignature(vote.signature());
        }
    }

    public static QuorumCertificate decode(byte[] bytes, CodecLimits limits) {
        CanonicalReader in = new CanonicalReader(bytes);
        QuorumCertificate qc = readFrom(in, limits, "quorumCertificate");
        in.expectEnd("quorumCertificate");
        return qc;
    }

    public static QuorumCertificate readFrom(CanonicalReader in, CodecLimits limits, String field) {
        in.readHeader(Kind.QUORUM_CERTIFICATE, field);
        Hash blockHash = in.readHash(field + ".blockHash");
        long round = in.readNonNegativeU64(field + ".round");
        long height = in.readNonNegativeU64(field + ".height");
        // Smallest entry: Ed25519 key (1+32) and signature (1+64).
        int count = in.readCount(field + ".signatures", limits.maxSignaturesPerCertificate(), 98);
        List<ValidatorSignature> votes = new ArrayList<>(count);
        PublicKey previous = null;
        for (int i = 0; i < count; i++) {
            String voteField = field + ".signatures[" + i + "]";
            int at = in.position();
            PublicKey signer = in.readPublicKey(voteField + ".signer");
            if (previous != null && ValidatorSignature.compareSigners(previous, signer) >= 0) {
                throw new DecodingException(voteField + ".signer",
                        "signers must be strictly ascending (duplicate or out of order)", at);
            }
            previous = signer;
            Signature signature = in.readSignature(voteField + ".signature");
            votes.add(new ValidatorSignature(signer, signature));
        }
        return new QuorumCertificate(blockHash, round, height, votes);
    }
}
