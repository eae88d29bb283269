package org.fogledger.ledger.contract.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.crypto.Hash;

/**
 * Everything a third party needs to check, with no node to ask, that a trace record was anchored on the ledger by
 * its stream's gateway and that the anchor is committed. Each part is tied to the next by a hash or a signature:
 * <ol>
 *   <li>{@code record} is leaf {@code recordProof.leafIndex} of a batch of {@code recordProof.treeSize} records
 *   whose Merkle root is {@code batchRoot};</li>
 *   <li>{@code anchorTransaction}, signed by the gateway, anchors {@code batchRoot} for the record's stream and
 *   sequence range;</li>
 *   <li>{@code transactionPath} leads from its hash to {@code headers[0].transactionsRoot};</li>
 *   <li>{@code anchorExecution} is what the trace contract answered ({@code anchored}, with the accepted anchor);
 *   {@code executionPath} leads from it to the anchor block's records root, and {@code resultsChain} from there to
 *   the results hash of a block {@code c >= h}, which a committed header of the proof claims
 *   ({@link BlockHeader#executed()});</li>
 *   <li>{@code headers} run from the anchor block up, each naming the previous as its parent, and
 *   {@code certificates} are quorum certificates of the last three, whose rounds are consecutive: the 3-chain that
 *   commits the last-but-two and so every block below it (docs/CONSENSUS.md), the claiming header included.</li>
 * </ol>
 * {@link AuditProofVerifier} checks all of it against the validator set of the genesis file.
 *
 * <p>Encoding (version 1): {@code 01 | kind AUDIT_PROOF | record: length:u32 | TraceRecord |
 * recordProof: MerkleProof | batchRoot:32 | anchorTransaction: length:u32 | Transaction |
 * transactionPath: MerklePath | anchorExecution: length:u32 | ExecutionRecord | executionPath: MerklePath |
 * resultsChain: ResultsChain | headers: count:u32 | count x BlockHeader | certificates: count:u32 |
 * count x QuorumCertificate}. Decoding is strict (one encoding per proof) and bounded: every count and length is
 * checked before anything is allocated. The JSON form ({@link #toJson()}) holds the same values.
 */
public record AuditProof(TraceRecord record, MerkleProof recordProof, Hash batchRoot, Transaction anchorTransaction,
                         MerklePath transactionPath, ExecutionRecord anchorExecution, MerklePath executionPath,
                         ResultsChain resultsChain, List<BlockHeader> headers, List<QuorumCertificate> certificates) {
    /**
     * Headers from the anchor block to the top of the 3-chain that commits the first claim covering it; more
     * means the chain did not commit, or its validators did not execute, for that long.
     */
    public static final int MAX_HEADERS = 256;
    /** The 3-chain: one certificate for each of the last three headers. */
    public static final int COMMIT_CERTIFICATES = 3;
    public static final int MAX_ENCODED_BYTES = 1024 * 1024;
    /** An encoded header: version, kind, height, round, two hashes, executed height and hash, key, timestamp. */
    private static final int MIN_HEADER_BYTES = 2 + 8 + 8 + 2 * Hash.LENGTH + 8 + Hash.LENGTH + 33 + 8;

    public AuditProof {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(recordProof, "recordProof");
        Objects.requireNonNull(batchRoot, "batchRoot");
        Objects.requireNonNull(anchorTransaction, "anchorTransaction");
        Objects.requireNonNull(transactionPath, "transactionPath");
        Objects.requireNonNull(anchorExecution, "anchorExecution");
        Objects.requireNonNull(executionPath, "executionPath");
        Objects.requireNonNull(resultsChain, "resultsChain");
        headers = List.copyOf(headers);
        certificates = List.copyOf(certificates);
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException("a proof carries at most " + MAX_HEADERS + " headers, got "
                    + headers.size());
        }
        if (certificates.size() > COMMIT_CERTIFICATES) {
            throw new IllegalArgumentException("a proof carries at most " + COMMIT_CERTIFICATES
                    + " certificates, got " + certificates.size());
        }
    }

    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter(4096);
        out.writeHeader(Kind.AUDIT_PROOF);
        out.writeBytes(record.encode());
        recordProof.writeTo(out);
        out.writeHash(batchRoot);
        out.writeBytes(anchorTransaction.encode());
        transactionPath.writeTo(out);
        out.writeBytes(anchorExecution.encode());
        executionPath.writeTo(out);
        resultsChain.writeTo(out);
        out.writeU32(headers.size());
        for (BlockHeader header : headers) {
            header.writeTo(out);
        }
        out.writeU32(certificates.size());
        for (QuorumCertificate certificate : certificates) {
            certificate.writeTo(out);
        }
        return out.toByteArray();
    }

    public static AuditProof decode(byte[] bytes) {
        return decode(bytes, CodecLimits.DEFAULT);
    }

    /** Decodes exactly one proof; transactions and certificates are bounded by {@code limits}. */
    public static AuditProof decode(byte[] bytes, CodecLimits limits) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.requireTotalAtMost("auditProof", MAX_ENCODED_BYTES);
        String f = "auditProof";
        in.readHeader(Kind.AUDIT_PROOF, f);
        TraceRecord record = readNested(in, f + ".record", TraceRecord.MAX_ENCODED_BYTES,
                nested -> TraceRecord.readFrom(nested, f + ".record"));
        MerkleProof recordProof = MerkleProof.readFrom(in, f + ".recordProof");
        Hash batchRoot = in.readHash(f + ".batchRoot");
        Transaction tx = readNested(in, f + ".anchorTransaction", limits.maxTransactionBytes(),
                nested -> Transaction.readFrom(nested, limits, f + ".anchorTransaction"));
        MerklePath transactionPath = MerklePath.readFrom(in, f + ".transactionPath");
        ExecutionRecord execution = readNested(in, f + ".anchorExecution",
                limits.maxPayloadBytes() + 3 * limits.maxStringBytes() + 128,
                nested -> ExecutionRecord.readFrom(nested, limits, f + ".anchorExecution"));
        MerklePath executionPath = MerklePath.readFrom(in, f + ".executionPath");
        ResultsChain resultsChain = ResultsChain.readFrom(in, f + ".resultsChain");
        int headerCount = in.readCount(f + ".headers", MAX_HEADERS, MIN_HEADER_BYTES);
        List<BlockHeader> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            headers.add(BlockHeader.readFrom(in, f + ".headers[" + i + "]"));
        }
        int certificateCount = in.readCount(f + ".certificates", COMMIT_CERTIFICATES, 2 + Hash.LENGTH + 8 + 8 + 4);
        List<QuorumCertificate> certificates = new ArrayList<>(certificateCount);
        for (int i = 0; i < certificateCount; i++) {
            certificates.add(QuorumCertificate.readFrom(in, limits, f + ".certificates[" + i + "]"));
        }
        in.expectEnd(f);
        return new AuditProof(record, recordProof, batchRoot, tx, transactionPath, execution, executionPath,
                resultsChain, headers, certificates);
    }

    /** The JSON form: deterministic, and read back by {@link #fromJson} to an equal proof. */
    public byte[] toJson() {
        return AuditProofJson.write(this);
    }

    /** Reads the JSON form strictly; an {@link IllegalArgumentException} names the field that is wrong. */
    public static AuditProof fromJson(byte[] json) {
        return AuditProofJson.read(json);
    }

    private interface NestedReader<T> {
        T read(CanonicalReader in);
    }

    /** A length-prefixed value that must fill its length exactly. */
    private static <T> T readNested(CanonicalReader in, String field, int limit, NestedReader<T> reader) {
        int length = in.readLength(field + ".length", limit, 0);
        CanonicalReader nested = in.slice(field, length);
        T value = reader.read(nested);
        nested.expectEnd(field);
        return value;
    }
}
