package org.fogledger.ledger.contract.trace;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSignature;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/**
 * The JSON form of an {@link AuditProof}, for people and for {@code fogctl audit verify PROOF.json}: the record,
 * headers and certificates field by field, hashes, keys and signatures as hex (keys and signatures tagged, as
 * everywhere in FogLedger), the anchor transaction as the hex of its full signed encoding (its hash and signature
 * are over those bytes). Execution result data is hashed byte for byte, so it is written as text
 * ({@code dataText}) when it is well-formed UTF-8, as it always is for the trace contract's JSON, and as hex
 * ({@code dataHex}) otherwise: exactly one of the two, so each proof has one JSON form.
 *
 * <p>Written deterministically by {@link ContractJson}; read strictly: unknown, duplicate and missing fields are
 * refused by name, certificate signers must be in ascending order as in the binary form, and the format tag must
 * be {@link #FORMAT}.
 */
public record AuditProofJson(String format, TraceRecord record, RecordProof recordProof, Hash batchRoot,
                             String anchorTransaction, List<MerklePath.Step> transactionPath,
                             Execution anchorExecution, List<MerklePath.Step> executionPath,
                             Results resultsChain, List<Header> headers, List<Certificate> certificates) {
    public static final String FORMAT = "fogledger-trace-audit-proof/1";
    private static final HexFormat HEX = HexFormat.of();

    /** A {@link MerkleProof}: the record's leaf index in its batch, the batch size, siblings deepest first. */
    public record RecordProof(Integer leafIndex, Integer treeSize, List<Hash> path) {
    }

    /** An {@link ExecutionRecord}; the result data is in {@code dataText} if it is UTF-8, else in {@code dataHex}. */
    public record Execution(Integer index, Hash origin, Boolean internal, String address, String command,
                            Boolean ok, String code, String dataText, String dataHex, Hash eventsHash) {
    }

    /** A {@link ResultsChain}: the results hash before the anchor block, the records roots of the blocks after it. */
    public record Results(Hash previousResultsHash, List<Hash> laterRecordsRoots) {
    }

    /** A {@link BlockHeader}; {@code executedHeight} and {@code executedResultsHash} are its results claim. */
    public record Header(Long height, Long round, Hash parentHash, Hash transactionsRoot, Long executedHeight,
                         Hash executedResultsHash, PublicKey proposer, Long timestampMillis) {
    }

    /** A {@link QuorumCertificate}. */
    public record Certificate(Hash blockHash, Long round, Long height, List<Vote> signatures) {
    }

    public record Vote(PublicKey signer, Signature signature) {
    }

    static byte[] write(AuditProof proof) {
        MerkleProof rp = proof.recordProof();
        ExecutionRecord ex = proof.anchorExecution();
        List<Header> headers = new ArrayList<>();
        for (BlockHeader h : proof.headers()) {
            headers.add(new Header(h.height(), h.round(), h.parentHash(), h.transactionsRoot(),
                    h.executed().height(), h.executed().resultsHash(), h.proposer(), h.timestampMillis()));
        }
        List<Certificate> certificates = new ArrayList<>();
        for (QuorumCertificate qc : proof.certificates()) {
            List<Vote> votes = new ArrayList<>();
            for (ValidatorSignature vote : qc.signatures()) {
                votes.add(new Vote(vote.signer(), vote.signature()));
            }
            certificates.add(new Certificate(qc.blockHash(), qc.round(), qc.height(), votes));
        }
        byte[] data = ex.result().data();
        String dataText = utf8(data);
        AuditProofJson json = new AuditProofJson(FORMAT, proof.record(),
                new RecordProof(rp.leafIndex(), rp.treeSize(), rp.path()), proof.batchRoot(),
                HEX.formatHex(proof.anchorTransaction().encode()), proof.transactionPath().steps(),
                new Execution(ex.index(), ex.origin(), ex.internal(), ex.address(), ex.command(), ex.result().ok(),
                        ex.result().code(), dataText, dataText == null ? HEX.formatHex(data) : null,
                        ex.eventsHash()),
                proof.executionPath().steps(), new Results(proof.resultsChain().previousResultsHash(),
                        proof.resultsChain().laterRecordsRoots()), headers, certificates);
        return ContractJson.write(json);
    }

    static AuditProof read(byte[] bytes) {
        AuditProofJson json;
        try {
            json = ContractJson.read(bytes, AuditProofJson.class, "audit proof");
        } catch (ContractRefusal e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return json.toProof();
    }

    private AuditProof toProof() {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("audit proof: field 'format' must be '" + FORMAT + "', got "
                    + (format == null ? "nothing" : "'" + format + "'"));
        }
        required(record, "record");
        required(recordProof, "recordProof");
        int leafIndex = required(recordProof.leafIndex(), "recordProof.leafIndex");
        int treeSize = required(recordProof.treeSize(), "recordProof.treeSize");
        List<Hash> recordPath = required(recordProof.path(), "recordProof.path");
        for (int i = 0; i < recordPath.size(); i++) {
            required(recordPath.get(i), "recordProof.path[" + i + "]");
        }
        MerkleProof merkleProof;
        try {
            merkleProof = new MerkleProof(leafIndex, treeSize, recordPath);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("audit proof: field 'recordProof': " + e.getMessage());
        }
        Transaction tx;
        try {
            tx = Transaction.decode(HEX.parseHex(required(anchorTransaction, "anchorTransaction")),
                    CodecLimits.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("audit proof: field 'anchorTransaction': " + e.getMessage());
        }
        return new AuditProof(record, merkleProof, required(batchRoot, "batchRoot"), tx,
                path(transactionPath, "transactionPath"), toExecution(), path(executionPath, "executionPath"),
                toResultsChain(), toHeaders(), toCertificates());
    }

    private ExecutionRecord toExecution() {
        Execution ex = required(anchorExecution, "anchorExecution");
        String f = "anchorExecution.";
        byte[] data;
        if ((ex.dataText() == null) == (ex.dataHex() == null)) {
            throw new IllegalArgumentException("audit proof: field '" + f + "dataText' or '" + f + "dataHex': give"
                    + " exactly one");
        }
        if (ex.dataText() != null) {
            data = ex.dataText().getBytes(StandardCharsets.UTF_8);
            if (!ex.dataText().equals(utf8(data))) {
                throw new IllegalArgumentException("audit proof: field '" + f + "dataText' is not valid Unicode");
            }
        } else {
            try {
                data = HEX.parseHex(ex.dataHex());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("audit proof: field '" + f + "dataHex' is not hex: "
                        + e.getMessage());
            }
            if (utf8(data) != null) {
                throw new IllegalArgumentException("audit proof: field '" + f + "dataHex' holds UTF-8 text, which"
                        + " the JSON form writes as 'dataText'");
            }
        }
        int index = required(ex.index(), f + "index");
        Hash origin = required(ex.origin(), f + "origin");
        boolean internal = required(ex.internal(), f + "internal");
        String address = required(ex.address(), f + "address");
        String command = required(ex.command(), f + "command");
        boolean ok = required(ex.ok(), f + "ok");
        String code = required(ex.code(), f + "code");
        Hash eventsHash = required(ex.eventsHash(), f + "eventsHash");
        try {
            return new ExecutionRecord(index, origin, internal, address, command, new ContractResult(ok, code, data),
                    eventsHash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("audit proof: field 'anchorExecution': " + e.getMessage());
        }
    }

    private ResultsChain toResultsChain() {
        Results chain = required(resultsChain, "resultsChain");
        Hash previous = required(chain.previousResultsHash(), "resultsChain.previousResultsHash");
        List<Hash> roots = required(chain.laterRecordsRoots(), "resultsChain.laterRecordsRoots");
        if (roots.size() > ResultsChain.MAX_LATER_BLOCKS) {
            throw new IllegalArgumentException("audit proof: field 'resultsChain.laterRecordsRoots' has "
                    + roots.size() + " entries, at most " + ResultsChain.MAX_LATER_BLOCKS + " are allowed");
        }
        for (int i = 0; i < roots.size(); i++) {
            required(roots.get(i), "resultsChain.laterRecordsRoots[" + i + "]");
        }
        return new ResultsChain(previous, roots);
    }

    private List<BlockHeader> toHeaders() {
        List<BlockHeader> out = new ArrayList<>();
        List<Header> list = required(headers, "headers");
        for (int i = 0; i < list.size(); i++) {
            String f = "headers[" + i + "].";
            Header h = required(list.get(i), "headers[" + i + "]");
            long height = required(h.height(), f + "height");
            long round = required(h.round(), f + "round");
            Hash parentHash = required(h.parentHash(), f + "parentHash");
            Hash transactionsRoot = required(h.transactionsRoot(), f + "transactionsRoot");
            long executedHeight = required(h.executedHeight(), f + "executedHeight");
            Hash executedResultsHash = required(h.executedResultsHash(), f + "executedResultsHash");
            PublicKey proposer = required(h.proposer(), f + "proposer");
            long timestampMillis = required(h.timestampMillis(), f + "timestampMillis");
            try {
                out.add(new BlockHeader(height, round, parentHash, transactionsRoot,
                        new ExecutedResults(executedHeight, executedResultsHash), proposer, timestampMillis));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("audit proof: field 'headers[" + i + "]': " + e.getMessage());
            }
        }
        if (out.size() > AuditProof.MAX_HEADERS) {
            throw new IllegalArgumentException("audit proof: field 'headers' has " + out.size()
                    + " entries, at most " + AuditProof.MAX_HEADERS + " are allowed");
        }
        return out;
    }

    private List<QuorumCertificate> toCertificates() {
        List<QuorumCertificate> out = new ArrayList<>();
        List<Certificate> list = required(certificates, "certificates");
        if (list.size() > AuditProof.COMMIT_CERTIFICATES) {
            throw new IllegalArgumentException("audit proof: field 'certificates' has " + list.size()
                    + " entries, at most " + AuditProof.COMMIT_CERTIFICATES + " are allowed");
        }
        for (int i = 0; i < list.size(); i++) {
            String f = "certificates[" + i + "].";
            Certificate c = required(list.get(i), "certificates[" + i + "]");
            List<ValidatorSignature> votes = new ArrayList<>();
            List<Vote> given = required(c.signatures(), f + "signatures");
            for (int j = 0; j < given.size(); j++) {
                Vote v = required(given.get(j), f + "signatures[" + j + "]");
                votes.add(new ValidatorSignature(required(v.signer(), f + "signatures[" + j + "].signer"),
                        required(v.signature(), f + "signatures[" + j + "].signature")));
            }
            Hash blockHash = required(c.blockHash(), f + "blockHash");
            long round = required(c.round(), f + "round");
            long height = required(c.height(), f + "height");
            QuorumCertificate qc;
            try {
                qc = new QuorumCertificate(blockHash, round, height, votes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("audit proof: field 'certificates[" + i + "]': " + e.getMessage());
            }
            // The certificate sorts its signatures; JSON in another order (or with a signer twice) is not the
            // one form of this certificate, as the binary decoder also insists.
            for (int j = 1; j < votes.size(); j++) {
                if (qc.signatures().get(j).signer().equals(qc.signatures().get(j - 1).signer())) {
                    throw new IllegalArgumentException("audit proof: field '" + f + "signatures' lists signer "
                            + qc.signatures().get(j).signer() + " twice");
                }
            }
            if (!qc.signatures().equals(votes)) {
                throw new IllegalArgumentException("audit proof: field '" + f + "signatures' must be in ascending"
                        + " order of signer key, as in the binary form");
            }
            out.add(qc);
        }
        return out;
    }

    private static MerklePath path(List<MerklePath.Step> steps, String field) {
        List<MerklePath.Step> list = required(steps, field);
        if (list.size() > MerklePath.MAX_STEPS) {
            throw new IllegalArgumentException("audit proof: field '" + field + "' has " + list.size()
                    + " steps, at most " + MerklePath.MAX_STEPS + " are allowed");
        }
        for (int i = 0; i < list.size(); i++) {
            required(list.get(i), field + "[" + i + "]");
        }
        return new MerklePath(list);
    }

    /** The text of {@code bytes} if they are well-formed UTF-8, else null. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("audit proof: field '" + field + "' is missing");
        }
        return value;
    }
}
