package org.fogledger.ledger.chain;

import java.util.function.Function;
import org.fogledger.ledger.codec.CodecLimits;

/**
 * A value of some chain kind with its canonical encoding and the decoder for that kind, so that properties about
 * "every kind" are written once.
 */
record EncodedSample(String kind, Object value, byte[] bytes, Function<byte[], Object> decoder) {

    static EncodedSample of(Transaction tx) {
        return new EncodedSample("transaction", tx, tx.encode(), b -> Transaction.decode(b, CodecLimits.DEFAULT));
    }

    static EncodedSample of(BlockHeader header) {
        return new EncodedSample("blockHeader", header, header.encode(), BlockHeader::decode);
    }

    static EncodedSample of(Block block) {
        return new EncodedSample("block", block, block.encode(), b -> Block.decode(b, CodecLimits.DEFAULT));
    }

    static EncodedSample of(QuorumCertificate qc) {
        return new EncodedSample("quorumCertificate", qc, qc.encode(),
                b -> QuorumCertificate.decode(b, CodecLimits.DEFAULT));
    }

    static EncodedSample of(Receipt receipt) {
        return new EncodedSample("receipt", receipt, receipt.encode(), b -> Receipt.decode(b, CodecLimits.DEFAULT));
    }

    static EncodedSample of(StoredEvent event) {
        return new EncodedSample("storedEvent", event, event.encode(), b -> StoredEvent.decode(b, CodecLimits.DEFAULT));
    }

    static EncodedSample of(ValidatorSet set) {
        return new EncodedSample("validatorSet", set, set.encode(), b -> ValidatorSet.decode(b, CodecLimits.DEFAULT));
    }

    static EncodedSample of(MerkleProof proof) {
        return new EncodedSample("merkleProof", proof, proof.encode(), MerkleProof::decode);
    }

    Object decode(byte[] input) {
        return decoder.apply(input);
    }

    /** Re-encodes a decoded value of this sample's kind. */
    static byte[] encode(Object value) {
        if (value instanceof Transaction v) {
            return v.encode();
        } else if (value instanceof BlockHeader v) {
            return v.encode();
        } else if (value instanceof Block v) {
            return v.encode();
        } else if (value instanceof QuorumCertificate v) {
            return v.encode();
        } else if (value instanceof Receipt v) {
            return v.encode();
        } else if (value instanceof StoredEvent v) {
            return v.encode();
        } else if (value instanceof ValidatorSet v) {
            return v.encode();
        } else if (value instanceof MerkleProof v) {
            return v.encode();
        }
        throw new IllegalArgumentException("no encoder for " + value.getClass());
    }

    @Override
    public String toString() {
        return kind + "(" + bytes.length + " bytes): " + value;
    }
}
