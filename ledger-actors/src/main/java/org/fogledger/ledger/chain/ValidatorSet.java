package org.fogledger.ledger.chain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The validators of an epoch, in a fixed order (the order decides leaders). Members are distinct.
 *
 * <p>Fault and quorum arithmetic: {@code f = floor((n-1)/3)} faulty members are tolerated, and a quorum is
 * {@code q = floor(2n/3) + 1}. Why this formula: {@code q > 2n/3} makes any two quorums overlap in
 * {@code 2q - n > n/3 > f} members, so at least one honest member is in both and two conflicting blocks can never
 * both be certified, whatever n is (not only n = 3f+1). It is also never more than {@code n - f} (it equals
 * {@code n - f} for every n), so the honest members alone can always form a quorum. For n = 3f+1 it is 2f+1.
 */
public final class ValidatorSet {
    private final List<PublicKey> members;
    private final Map<PublicKey, Integer> indexes;
    private Hash hash;

    public ValidatorSet(List<PublicKey> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a validator set needs at least one member");
        }
        this.members = List.copyOf(members);
        this.indexes = new HashMap<>(members.size() * 2);
        for (int i = 0; i < this.members.size(); i++) {
            if (indexes.putIfAbsent(this.members.get(i), i) != null) {
                throw new IllegalArgumentException("validator " + this.members.get(i) + " listed twice");
            }
        }
    }

    public static ValidatorSet of(PublicKey... members) {
        return new ValidatorSet(List.of(members));
    }

    public List<PublicKey> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    /** f: the number of faulty members the set tolerates, floor((n-1)/3). */
    public int maxFaulty() {
        return (members.size() - 1) / 3;
    }

    /** The number of distinct signers a certificate needs: floor(2n/3)+1 (see the class comment). */
    public int quorumSize() {
        return members.size() * 2 / 3 + 1;
    }

    public boolean contains(PublicKey key) {
        return indexes.containsKey(key);
    }

    /** The member's position, or -1. */
    public int indexOf(PublicKey key) {
        Integer index = indexes.get(key);
        return index == null ? -1 : index;
    }

    public PublicKey get(int index) {
        return members.get(index);
    }

    /** Round-robin: the member at {@code round mod n}. */
    public PublicKey leaderFor(long round) {
        return members.get((int) Math.floorMod(round, (long) members.size()));
    }

    /** SHA-256(VALIDATOR_SET prefix || encoding): identifies the set, e.g. in an epoch change. Cached. */
    public Hash hash() {
        Hash h = hash;
        if (h == null) {
            h = Domain.VALIDATOR_SET.hash(encode());
            hash = h;
        }
        return h;
    }

    /** Encoding (version 1): {@code 01 | kind VALIDATOR_SET | count:u32 | count x key}. */
    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter(8 + members.size() * 40);
        writeTo(out);
        return out.toByteArray();
    }

    public void writeTo(CanonicalWriter out) {
        out.writeHeader(Kind.VALIDATOR_SET);
        out.writeU32(members.size());
        for (PublicKey member : members) {
            out.writePublicKey(member);
        }
    }

    /** The set size is bounded by {@link CodecLimits#maxSignaturesPerCertificate()}: a larger set could not sign. */
    public static ValidatorSet decode(byte[] bytes, CodecLimits limits) {
        CanonicalReader in = new CanonicalReader(bytes);
        ValidatorSet set = readFrom(in, limits, "validatorSet");
        in.expectEnd("validatorSet");
        return set;
    }

    public static ValidatorSet readFrom(CanonicalReader in, CodecLimits limits, String field) {
        in.readHeader(Kind.VALIDATOR_SET, field);
        int at = in.position();
        int count = in.readCount(field + ".members", limits.maxSignaturesPerCertificate(), 33);
        if (count == 0) {
            throw new DecodingException(field + ".members", "a validator set needs at least one member", at);
        }
        PublicKey[] members = new PublicKey[count];
        Map<PublicKey, Integer> seen = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String memberField = field + ".members[" + i + "]";
            int memberAt = in.position();
            members[i] = in.readPublicKey(memberField);
            if (seen.putIfAbsent(members[i], i) != null) {
                throw new DecodingException(memberField, "duplicate of member " + seen.get(members[i]), memberAt);
            }
        }
        return new ValidatorSet(List.of(members));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidatorSet that && members.equals(that.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return "ValidatorSet[n=" + members.size() + " f=" + maxFaulty() + " q=" + quorumSize() + " " + members + "]";
    }
}
