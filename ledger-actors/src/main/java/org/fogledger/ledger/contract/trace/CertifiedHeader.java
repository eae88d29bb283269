package org.fogledger.ledger.contract.trace;

import java.util.Objects;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.consensus.CommittedBlock;

/**
 * A block header with the quorum certificate that certifies it (its block hash, round and height): what an audit
 * proof builder needs of each block from the anchor block on. Validators store exactly this with every committed
 * block ({@link CommittedBlock}).
 */
public record CertifiedHeader(BlockHeader header, QuorumCertificate certificate) {

    public CertifiedHeader {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(certificate, "certificate");
        if (!certificate.blockHash().equals(header.hash()) || certificate.round() != header.round()
                || certificate.height() != header.height()) {
            throw new IllegalArgumentException("certificate for block " + certificate.blockHash().shortHex()
                    + " (height " + certificate.height() + ", round " + certificate.round()
                    + ") does not certify header " + header.hash().shortHex() + " (height " + header.height()
                    + ", round " + header.round() + ")");
        }
    }

    public static CertifiedHeader of(CommittedBlock committed) {
        return new CertifiedHeader(committed.block().header(), committed.certificate());
    }
}
