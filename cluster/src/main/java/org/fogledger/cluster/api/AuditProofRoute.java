package org.fogledger.cluster.api;

import java.util.concurrent.CompletionStage;
import org.fogledger.agents.gateway.AnchoredBatch;
import org.fogledger.agents.gateway.AnchoredBatchAnswer;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.trace.AuditProof;
import org.fogledger.ledger.contract.trace.AuditProofBuilder;
import org.fogledger.ledger.contract.trace.TraceRecord;
import org.fogledger.ledger.validator.ProofMaterialAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/audit/proofs/{stream}/{sequence}}: the audit proof of one trace record, in the JSON form
 * {@code fogctl audit verify} reads (AuditProofJson). The gateway of the stream on this node gives the anchored batch
 * holding the record, a validator the anchor block, the results and the certified chain above it, and
 * {@link AuditProofBuilder} assembles them. Nothing here needs trust: the proof verifies against the genesis, or not.
 */
final class AuditProofRoute {
    private static final Logger LOG = LoggerFactory.getLogger(AuditProofRoute.class);
    /**
     * Blocks of material asked for, growing: claims lag a few blocks and a 3-chain needs three more, so the first
     * is nearly always enough; round changes may need more, up to the 256 headers a proof may carry.
     */
    static final int[] MATERIAL_BLOCKS = {16, 64, 256};
    static final String UNKNOWN_STREAM = "unknown-stream";
    static final String NOT_PROVABLE_YET = "not-provable-yet";

    private final LedgerClient ledger;
    private final AuditTrails trails;

    AuditProofRoute(LedgerClient ledger, AuditTrails trails) {
        this.ledger = ledger;
        this.trails = trails;
    }

    CompletionStage<ApiResponse> handle(ApiRequest request) {
        String stream = request.path("stream");
        try {
            ContractAddress.of("trace", stream);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("bad-address", e.getMessage());
        }
        long sequence = LedgerRoutes.number("sequence", request.path("sequence"));
        return trails.find(stream, sequence).thenCompose(found -> {
            if (found.isEmpty()) {
                throw new ApiProblem(404, UNKNOWN_STREAM, "no gateway of stream '" + stream + "' runs on this node;"
                        + " ask the API of the node that runs it");
            }
            AnchoredBatchAnswer answer = found.get();
            if (answer instanceof AnchoredBatchAnswer.Missing missing) {
                throw problem(missing);
            }
            AnchoredBatch anchored = anchored((AnchoredBatchAnswer.Found) answer);
            TraceRecord record = anchored.batch().record(sequence);
            return proof(record, anchored, 0).thenApply(proof -> ApiResponse.resource(proof.toJson()));
        });
    }

    /** Asks for more blocks while the chain was cut by the request (not by the tip) and does not prove it yet. */
    private CompletionStage<AuditProof> proof(TraceRecord record, AnchoredBatch anchored, int attempt) {
        int asked = MATERIAL_BLOCKS[attempt];
        return ledger.proofMaterial(anchored.height(), asked).thenCompose(material -> {
            try {
                return java.util.concurrent.CompletableFuture.completedFuture(build(record, anchored, material));
            } catch (ApiProblem problem) {
                boolean cut = material instanceof ProofMaterialAnswer.ProofMaterial given
                        && given.chain().size() == asked;
                if (problem.code().equals(NOT_PROVABLE_YET) && cut && attempt + 1 < MATERIAL_BLOCKS.length) {
                    return proof(record, anchored, attempt + 1);
                }
                throw problem;
            }
        });
    }

    private static ApiProblem problem(AnchoredBatchAnswer.Missing missing) {
        return switch (missing.code()) {
            case AnchoredBatchAnswer.NOT_ANCHORED_YET -> new ApiProblem(409, missing.code(), missing.reason());
            case AnchoredBatchAnswer.OUT_OF_RANGE, AnchoredBatchAnswer.NOT_KEPT ->
                    new ApiProblem(404, missing.code(), missing.reason());
            default -> new ApiProblem(500, AnchoredBatchAnswer.TRAIL_UNAVAILABLE, missing.reason());
        };
    }

    private static AnchoredBatch anchored(AnchoredBatchAnswer.Found found) {
        try {
            return found.anchored();
        } catch (RuntimeException e) {
            throw new ApiProblem(500, AnchoredBatchAnswer.TRAIL_UNAVAILABLE, "the gateway's batch does not decode: "
                    + e.getMessage());
        }
    }

    private static AuditProof build(TraceRecord record, AnchoredBatch anchored, ProofMaterialAnswer material) {
        long height = anchored.height();
        if (material instanceof ProofMaterialAnswer.Refused refused) {
            if (refused.code().equals(ProofMaterialAnswer.NOT_COMMITTED)
                    || refused.code().equals(ProofMaterialAnswer.NOT_EXECUTED)) {
                throw new ApiProblem(409, NOT_PROVABLE_YET, "record " + record.sequence() + " is anchored in block "
                        + height + ", but no validator can give its proof material yet (" + refused.code() + ": "
                        + refused.reason() + "); ask again shortly");
            }
            throw new ApiProblem(503, "ledger-unavailable", "no validator gave the proof material of block "
                    + height + ": " + refused.code() + ": " + refused.reason());
        }
        ProofMaterialAnswer.ProofMaterial given = (ProofMaterialAnswer.ProofMaterial) material;
        if (!given.anchorBlock().hash().equals(anchored.blockHash())) {
            throw new ApiProblem(502, "inconsistent-proof-material", "the gateway's receipt names block "
                    + anchored.blockHash().shortHex() + " at height " + height + ", the validator's committed block"
                    + " there is " + given.anchorBlock().hash().shortHex());
        }
        try {
            return AuditProofBuilder.build(record, anchored.batch(), anchored.anchorTransaction(),
                    given.anchorBlock(), given.results(), given.chain());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("more blocks are needed")) {
                throw new ApiProblem(409, NOT_PROVABLE_YET, "record " + record.sequence() + " is anchored in block "
                        + height + ", but the chain does not prove it yet: " + e.getMessage() + "; ask again shortly");
            }
            LOG.warn("proof of {}#{} from block {} could not be built: {}", record.streamId(), record.sequence(),
                    height, e.getMessage());
            throw new ApiProblem(502, "inconsistent-proof-material", "the proof of record " + record.sequence()
                    + " cannot be built from what the gateway and the validator gave: " + e.getMessage());
        }
    }
}
