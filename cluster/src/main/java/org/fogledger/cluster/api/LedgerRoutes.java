package org.fogledger.cluster.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.fogledger.ledger.chain.Receipt;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.QuorumException;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.execution.DryRunResult;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorActor;
import org.fogledger.ledger.validator.ValidatorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes under {@code /api/v1}: signed transactions in, contract queries and chain facts out. Each read is one
 * contract query (named in docs/API.md), answered with the contract's own JSON.
 */
final class LedgerRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerRoutes.class);
    static final String V1 = "/api/v1";
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    /** Contract query codes that mean "no such thing": answered 404 with the contract's code. */
    private static final Set<String> ABSENT = Set.of("not-registered", "no-policy", "unknown-contract",
            "unknown-instance", "unknown-query", "unknown-consent", "no-such-anchor", "not-anchored", "no-delegation");
    /** Contract query codes that mean the argument is wrong: answered 400. */
    private static final Set<String> BAD_ARGUMENT = Set.of("malformed-argument", "malformed-payload",
            "malformed-query", "invalid-path", "invalid-scope");
    private static final String HEIGHT_HEADER = "X-FogLedger-Height";

    /** Dry runs one API node lets run at once; more are answered 503 {@code ledger-busy}. */
    static final int MAX_DRY_RUNS_IN_FLIGHT = 16;

    private final LedgerClient ledger;
    private final MonotonicReads reads;
    private final AtomicInteger dryRunsInFlight = new AtomicInteger();
    private final ApiSettings settings;
    private final AuditProofRoute proofs;

    LedgerRoutes(LedgerClient ledger, ApiSettings settings) {
        this(ledger, settings, AuditTrails.NONE);
    }

    LedgerRoutes(LedgerClient ledger, ApiSettings settings, AuditTrails trails) {
        this.ledger = ledger;
        this.reads = new MonotonicReads(() -> ledger.validators().size());
        this.settings = settings;
        this.proofs = new AuditProofRoute(ledger, trails);
    }

    void addTo(ApiRouter router) {
        router.post(V1 + "/transactions", this::submit)
                .get(V1 + "/nonce/{key}", this::nextNonce)
                .get(V1 + "/devices/{id}", r -> resource(instance("registry", r.path("id")), "device", empty()))
                .get(V1 + "/devices/{id}/legitimacy", r -> resource(instance("registry", r.path("id")), "legitimacy",
                        empty()))
                .get(V1 + "/devices/{id}/decisions", r -> page(r, instance("arbitration", r.path("id")), "outcomes",
                        ApiJson.object().put("sinceHeight", r.longParameter("sinceHeight", 0, Long.MAX_VALUE)),
                        "settlements"))
                .get(V1 + "/devices/{id}/standing", r -> resource(instance("arbitration", r.path("id")), "standing",
                        empty()))
                .get(V1 + "/consents/{owner}/{consentId}", r -> resource(instance("consent", r.path("owner")),
                        "consent", ApiJson.object().put("consentId", r.path("consentId"))))
                .get(V1 + "/consents/{owner}/{consentId}/fhir", r -> resource(instance("consent", r.path("owner")),
                        "export-fhir", ApiJson.object().put("consentId", r.path("consentId"))))
                .post(V1 + "/consents/{owner}/decision", r -> answer(instance("consent", r.path("owner")), "decide",
                        ApiJson.readBody(r.body())))
                .get(V1 + "/policies", r -> page(r, "policy/_", "policies",
                        ApiJson.object().put("under", r.query("under").orElse("/")), "policies"))
                .get(V1 + "/policies/effective", r -> resource("policy/_", "effective",
                        ApiJson.object().put("path", r.requiredParameter("path", "/eu/fr/lyon"))))
                .get(V1 + "/policies/{scope...}", r -> resource("policy/_", "policy", ApiJson.object()
                        .put("scope", "/" + r.path("scope")).put("rank", r.requiredParameter("rank", "region"))))
                .get(V1 + "/agents", r -> page(r, "authority/_", "agents",
                        ApiJson.object().put("under", r.query("under").orElse("/")), "delegations"))
                .get(V1 + "/agents/{key}", r -> resource("authority/_", "authority",
                        ApiJson.object().put("agent", ContractJson.hex(key(r.path("key"))))))
                .get(V1 + "/audit/streams/{stream}", r -> resource(instance("trace", r.path("stream")), "state",
                        empty()))
                .get(V1 + "/audit/streams/{stream}/anchors/{sequence}", r -> resource(
                        instance("trace", r.path("stream")), "anchor",
                        ApiJson.object().put("sequence", number("sequence", r.path("sequence")))))
                .get(V1 + "/audit/proofs/{stream}/{sequence}", proofs::handle)
                .get(V1 + "/blocks", this::blocks)
                .get(V1 + "/blocks/{height}", this::block)
                .get(V1 + "/validators", this::validators)
                .post(V1 + "/query/{contract}/{instance}/{query}", r -> answer(
                        instance(r.path("contract"), r.path("instance")), r.path("query"),
                        r.body().length == 0 ? null : ApiJson.readBody(r.body())));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Transactions

    private CompletionStage<ApiResponse> submit(ApiRequest request) {
        Transaction tx = decode(ApiJson.readBody(request.body()));
        if (!tx.chainId().equals(settings.chainId())) {
            throw ApiProblem.badRequest("wrong-chain", "the transaction is for chain '" + tx.chainId()
                    + "', this ledger is '" + settings.chainId() + "'");
        }
        if (!tx.hasValidSignature()) {
            throw new ApiProblem(401, "bad-signature", "the signature of transaction " + tx.hash().hex()
                    + " does not verify for its sender " + ContractJson.hex(tx.sender()));
        }
        boolean wait = !request.query("wait").map("false"::equals).orElse(false);
        boolean dryRun = dryRunAsked(request);
        return ledger.nextNonce(tx.sender())
                .thenCompose(next -> {
                    if (tx.nonce() < next.next()) {
                        throw new ApiProblem(409, "nonce-used", "nonce " + tx.nonce() + " of sender "
                                + ContractJson.hex(tx.sender()) + " is already used on the ledger; its next nonce is "
                                + next.next());
                    }
                    return checkAuthority(tx);
                })
                .thenCompose(checked -> dryRun ? dryRun(tx) : wait ? commit(tx) : accept(tx));
    }

    /** {@code ?dryRun=true} (or {@code false}, the default); anything else is a 400 naming the parameter. */
    private static boolean dryRunAsked(ApiRequest request) {
        return request.query("dryRun").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.badRequest("bad-parameter", "dryRun must be true or false, got '" + value
                    + "'");
        }).orElse(false);
    }

    /**
     * The API's checks have passed; one validator runs its own and then every execution the transaction would cause,
     * keeping nothing. 200 when all would succeed; the first failing execution's code otherwise (422, 403 for
     * {@code not-authorised}), with the whole dry run in the body; a validator's refusal as for a submission.
     */
    private CompletionStage<ApiResponse> dryRun(Transaction tx) {
        // Each dry run occupies a validator's contract host between blocks: one API node keeps only a few going.
        if (dryRunsInFlight.incrementAndGet() > MAX_DRY_RUNS_IN_FLIGHT) {
            dryRunsInFlight.decrementAndGet();
            throw new ApiProblem(503, "ledger-busy", MAX_DRY_RUNS_IN_FLIGHT + " dry runs are already running on this"
                    + " node (retry later)");
        }
        return runDry(tx).whenComplete((done, failure) -> dryRunsInFlight.decrementAndGet());
    }

    private CompletionStage<ApiResponse> runDry(Transaction tx) {
        return reads.newest(() -> ledger.dryRun(tx), DryRunResult::executedHeight).thenApply(result -> {
            if (!result.wasRun()) {
                throw refusal(new SubmitResult.Refused(tx.hash(), result.refusalCode(), result.refusal()));
            }
            ObjectNode body = ApiJson.object().put("status", "dry-run").put("txHash", tx.hash().hex())
                    .put("wouldSucceed", result.wouldSucceed()).put("executedHeight", result.executedHeight());
            ArrayNode executions = body.putArray("executions");
            DryRunResult.Step failed = null;
            for (DryRunResult.Step step : result.steps()) {
                executions.addObject().put("index", step.index()).put("internal", step.internal())
                        .put("address", step.address()).put("command", step.command()).put("ok", step.ok())
                        .put("code", step.code()).set("data", ApiJson.embed(step.data()));
                if (!step.ok() && failed == null) {
                    failed = step;
                }
            }
            if (failed == null) {
                return ApiResponse.json(200, ApiJson.bytes(body));
            }
            throw new ApiProblem("not-authorised".equals(failed.code()) ? 403 : 422, failed.code(), "dry run of "
                    + tx.hash().hex() + ": " + (failed.internal() ? "the message it sends to " : "")
                    + failed.address() + " " + failed.command() + " would be refused: " + failed.text(),
                    "dryRun", body);
        });
    }

    /** The body {@code {"transaction": "<hex>"}} as a transaction; 400 {@code malformed-transaction} otherwise. */
    private Transaction decode(JsonNode body) {
        if (!body.isObject()) {
            throw ApiProblem.badRequest("malformed-transaction", "the body must be a JSON object "
                    + "{\"transaction\": \"<hex of the encoded signed transaction>\"}, got a " + body.getNodeType());
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("transaction")) {
                throw ApiProblem.badRequest("malformed-transaction", "unknown field '" + name
                        + "'; the body has one field, 'transaction'");
            }
        }
        JsonNode field = body.get("transaction");
        if (field == null || !field.isTextual()) {
            throw ApiProblem.badRequest("malformed-transaction", "field 'transaction' is required: the hex of "
                    + "Transaction.encode()");
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(field.asText());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("malformed-transaction", "field 'transaction' is not hex: " + e.getMessage());
        }
        try {
            return Transaction.decode(bytes, settings.codecLimits());
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("malformed-transaction", "field 'transaction' does not decode as a "
                    + "transaction: " + e.getMessage());
        }
    }

    /**
     * Every authority command must be signed by an agent with a valid chain: asked of the authority contract first,
     * so a signer without one is told 403 without spending a block. For {@code decide} and {@code declare}, the
     * device must also lie within the agent's jurisdiction: the registry checks that only in an internal message,
     * which cannot report back to the sender, so the API checks it here and answers 403 {@code
     * outside-jurisdiction}. The contracts check again when they execute (the chain or the device may change in
     * between); these checks only spare the ledger what would certainly be refused.
     */
    private CompletionStage<Void> checkAuthority(Transaction tx) {
        if (!tx.contract().startsWith("authority/")) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] argument = ApiJson.bytes(ApiJson.object().put("agent", ContractJson.hex(tx.sender())));
        return read("authority/_", "authority", argument).thenCompose(result -> {
            if (!result.ok()) {
                return CompletableFuture.completedFuture(null);
            }
            JsonNode answer = ApiJson.embed(result.json());
            if (!answer.path("valid").asBoolean(true)) {
                throw new ApiProblem(403, "not-authorised", "signer " + ContractJson.hex(tx.sender())
                        + " has no valid authority for authority." + tx.command() + ": "
                        + answer.path("reason").asText("no chain to a root"));
            }
            JsonNode chain = answer.path("chain");
            String jurisdiction = chain.isArray() && chain.size() > 0
                    ? chain.get(chain.size() - 1).path("jurisdiction").asText(null) : null;
            String deviceId = deviceOf(tx);
            if (jurisdiction == null || deviceId == null) {
                return CompletableFuture.completedFuture(null);
            }
            return checkJurisdiction(tx, deviceId, jurisdiction);
        });
    }

    /** The {@code deviceId} of a {@code decide} or {@code declare} payload, or null (the contract judges it). */
    private static String deviceOf(Transaction tx) {
        if (!tx.command().equals("decide") && !tx.command().equals("declare")) {
            return null;
        }
        try {
            JsonNode payload = ApiJson.MAPPER.readTree(tx.payload());
            JsonNode id = payload == null ? null : payload.get("deviceId");
            return id != null && id.isTextual() ? id.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private CompletionStage<Void> checkJurisdiction(Transaction tx, String deviceId, String jurisdiction) {
        String address;
        try {
            address = ContractAddress.of("registry", deviceId).toString();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(null);
        }
        return read(address, "device", new byte[0]).thenApply(device -> {
            if (device.ok()) {
                String location = ApiJson.embed(device.json()).path("location").asText(null);
                if (location != null && !DevicePath.isWithin(location, jurisdiction)) {
                    throw new ApiProblem(403, "outside-jurisdiction", "authority." + tx.command() + ": device "
                            + deviceId + " is at '" + location + "', not within the jurisdiction '" + jurisdiction
                            + "' of signer " + ContractJson.hex(tx.sender()));
                }
            }
            return null;
        });
    }

    private CompletionStage<ApiResponse> commit(Transaction tx) {
        if (settings.confirmations() == 1) {
            return ledger.submit(tx).thenApply(result -> {
                if (result instanceof SubmitResult.Committed committed) {
                    reads.saw(committed.receipt().height());
                    return receipt(committed.receipt(), committed.blockHash(), List.of(committed.validator()));
                }
                throw refusal((SubmitResult.Refused) result);
            });
        }
        return ledger.submitAndConfirm(tx, settings.confirmations())
                .thenApply(quorum -> {
                    reads.saw(quorum.height());
                    return receipt(quorum.receipts().get(0).receipt(), quorum.blockHash(), quorum.validators());
                })
                .exceptionally(failure -> {
                    Throwable cause = ApiServer.unwrap(failure);
                    if (cause instanceof QuorumException quorum) {
                        throw new ApiProblem(502, "no-quorum", quorum.getMessage());
                    }
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                });
    }

    private CompletionStage<ApiResponse> accept(Transaction tx) {
        ledger.submit(tx).whenComplete((result, failure) -> {
            if (failure != null || result instanceof SubmitResult.Refused) {
                LOG.info("transaction {} accepted without waiting did not commit: {}", tx.hash().shortHex(),
                        failure != null ? failure.toString() : result);
            }
        });
        ObjectNode body = ApiJson.object().put("status", "accepted").put("txHash", tx.hash().hex());
        return CompletableFuture.completedFuture(ApiResponse.json(202, ApiJson.bytes(body)));
    }

    /** 200 with the receipt when the contract accepted; 422 (403 for {@code not-authorised}) when it refused. */
    private static ApiResponse receipt(Receipt receipt, Hash blockHash, List<PublicKey> validators) {
        ObjectNode body = ApiJson.object();
        body.put("status", "committed").put("txHash", receipt.txHash().hex()).put("height", receipt.height())
                .put("index", receipt.index()).put("blockHash", blockHash.hex());
        ArrayNode by = body.putArray("validators");
        validators.forEach(key -> by.add(ContractJson.hex(key)));
        ObjectNode result = body.putObject("result");
        result.put("ok", receipt.isOk()).put("code", receipt.resultCode());
        result.set("data", ApiJson.embed(receipt.result()));
        if (receipt.isOk()) {
            return ApiResponse.json(200, ApiJson.bytes(body));
        }
        String code = receipt.resultCode();
        throw new ApiProblem("not-authorised".equals(code) ? 403 : 422, code, "transaction " + receipt.txHash().hex()
                + " is committed at height " + receipt.height() + " but the contract refused it: "
                + result.path("data").asText(result.path("data").toString()), body);
    }

    /** The mempool's refusal as the documented status and code. */
    private static ApiProblem refusal(SubmitResult.Refused refused) {
        String message = refused.message();
        return switch (refused.reason()) {
            case "BAD_SIGNATURE" -> new ApiProblem(401, "bad-signature", message);
            case "WRONG_CHAIN" -> new ApiProblem(400, "wrong-chain", message);
            case "TOO_LARGE" -> new ApiProblem(413, "transaction-too-large", message);
            case "NONCE_USED", "DUPLICATE" -> new ApiProblem(409, "nonce-used", message);
            case "SENDER_REFUSED" -> new ApiProblem(403, "sender-refused", message);
            case "MALFORMED" -> new ApiProblem(400, "malformed-transaction", message);
            case "SENDER_QUOTA_FULL", "MEMPOOL_FULL", "BUSY" -> new ApiProblem(503, "ledger-busy",
                    message + " (retry later)");
            default -> new ApiProblem(422, "refused", refused.reason() + ": " + message);
        };
    }

    private CompletionStage<ApiResponse> nextNonce(ApiRequest request) {
        PublicKey key = key(request.path("key"));
        return ledger.nextNonce(key).thenApply(answer -> ApiResponse.json(200, ApiJson.bytes(ApiJson.object()
                .put("key", ContractJson.hex(key)).put("next", answer.next())
                .put("committedHeight", answer.committedHeight()))));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Contract reads

    /** A single resource: the contract's answer as it is, tagged for If-None-Match. */
    private CompletionStage<ApiResponse> resource(String address, String query, JsonNode argument) {
        return ask(address, query, argument).thenApply(result -> withHeight(ApiResponse.resource(result.json()),
                result.executedHeight()));
    }

    /** A computed answer (a decision, a generic query): not tagged, it depends on the argument. */
    private CompletionStage<ApiResponse> answer(String address, String query, JsonNode argument) {
        return ask(address, query, argument).thenApply(result -> withHeight(ApiResponse.json(200, result.json()),
                result.executedHeight()));
    }

    /** A list from the contract's answer field {@code itemsField}, one page of it. */
    private CompletionStage<ApiResponse> page(ApiRequest request, String address, String query, JsonNode argument,
                                              String itemsField) {
        long page = request.longParameter("page", 0, Integer.MAX_VALUE);
        long size = request.longParameter("size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        if (size == 0) {
            throw ApiProblem.badRequest("bad-parameter", "query parameter 'size' must be 1.." + MAX_PAGE_SIZE);
        }
        return ask(address, query, argument).thenApply(result -> {
            JsonNode answer = ApiJson.embed(result.json());
            JsonNode all = answer.path(itemsField);
            ObjectNode body = pageOf(all, page, size);
            if (answer.has("truncated")) {
                body.set("truncated", answer.get("truncated"));
            }
            return withHeight(ApiResponse.json(200, ApiJson.bytes(body)), result.executedHeight());
        });
    }

    static ObjectNode pageOf(JsonNode all, long page, long size) {
        ObjectNode body = ApiJson.object();
        ArrayNode items = body.putArray("items");
        long from = page * size;
        int total = all.isArray() ? all.size() : 0;
        for (long i = from; i < Math.min(total, from + size); i++) {
            items.add(all.get((int) i));
        }
        body.put("page", page).put("size", size);
        if (from + size < total) {
            body.put("next", page + 1);
        } else {
            body.putNull("next");
        }
        body.put("total", total);
        return body;
    }

    /** Asks {@code address} query {@code query}; {@code argument} null sends none. Refusals become ApiProblems. */
    private CompletionStage<ContractHost.QueryResult> ask(String address, String query, JsonNode argument) {
        byte[] bytes = argument == null ? new byte[0] : ApiJson.bytes(argument);
        return read(address, query, bytes).thenApply(result -> {
            if (result.ok()) {
                return result;
            }
            String code = result.code();
            int status = ABSENT.contains(code) ? 404 : BAD_ARGUMENT.contains(code) ? 400 : 422;
            throw new ApiProblem(status, code, address + " query " + query + ": " + ApiServer.utf8(result.json()));
        });
    }

    /** A contract query, from a validator at least as far along as this node has seen (see MonotonicReads). */
    private CompletionStage<ContractHost.QueryResult> read(String address, String query, byte[] argument) {
        return reads.newest(() -> ledger.query(address, query, argument), ContractHost.QueryResult::executedHeight);
    }

    private static ApiResponse withHeight(ApiResponse response, long height) {
        return new ApiResponse(response.status(), response.contentType(), response.body(), response.etag(),
                Map.of(HEIGHT_HEADER, Long.toString(height)));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Chain facts

    private CompletionStage<ApiResponse> blocks(ApiRequest request) {
        long from = request.longParameter("from", 0, Long.MAX_VALUE - MAX_PAGE_SIZE);
        long size = request.longParameter("size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return ledger.committedHashes(from, (int) Math.max(1, size)).thenApply(hashes -> {
            ObjectNode body = ApiJson.object();
            ArrayNode items = body.putArray("items");
            for (int i = 0; i < hashes.hashes().size(); i++) {
                items.addObject().put("height", hashes.firstHeight() + i).put("hash", hashes.hashes().get(i).hex());
            }
            long next = hashes.firstHeight() + hashes.hashes().size();
            body.put("from", from).put("size", size).put("committedHeight", hashes.committedHeight());
            if (next <= hashes.committedHeight() && !hashes.hashes().isEmpty()) {
                body.put("next", next);
            } else {
                body.putNull("next");
            }
            return ApiResponse.json(200, ApiJson.bytes(body));
        });
    }

    private CompletionStage<ApiResponse> block(ApiRequest request) {
        long height = number("height", request.path("height"));
        return ledger.committedHashes(height, 1).thenApply(hashes -> {
            if (hashes.hashes().isEmpty()) {
                throw new ApiProblem(404, "not-found", "no committed block at height " + height
                        + " (committed height " + hashes.committedHeight() + ")");
            }
            return ApiResponse.resource(ApiJson.bytes(ApiJson.object().put("height", height)
                    .put("hash", hashes.hashes().get(0).hex())));
        });
    }

    private CompletionStage<ApiResponse> validators(ApiRequest request) {
        List<ActorRef<ValidatorActor.Command>> known = ledger.validators();
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        for (ActorRef<ValidatorActor.Command> validator : known) {
            answers.add(ledger.status(validator).toCompletableFuture().handle((status, failure) -> failure == null
                    ? describe(status)
                    : ApiJson.object().put("actor", validator.path().toString())
                            .put("error", ApiServer.unwrap(failure).getMessage())));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            // The chain id lets a client (fogctl) sign for this ledger without being told it.
            ObjectNode body = ApiJson.object().put("chainId", settings.chainId());
            ArrayNode items = body.putArray("items");
            answers.forEach(answer -> items.add(answer.join()));
            return ApiResponse.json(200, ApiJson.bytes(body));
        });
    }

    private static JsonNode describe(ValidatorStatus status) {
        ObjectNode node = ApiJson.object();
        node.put("key", ContractJson.hex(status.validator())).put("round", status.round())
                .put("committedHeight", status.committedHeight()).put("committedTip", status.committedTip().hex())
                .put("connectedPeers", status.connectedPeers())
                .put("pendingTransactions", status.pendingTransactions());
        return node;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Path parameters

    /** {@code contract/instance}, checked as the ledger checks addresses; 400 {@code bad-address} otherwise. */
    private static String instance(String contract, String instance) {
        try {
            return ContractAddress.of(contract, instance).toString();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("bad-address", e.getMessage());
        }
    }

    private static PublicKey key(String hex) {
        try {
            return ContractJson.publicKeyFromHex(hex);
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("bad-key", "'" + hex + "' is not a tagged public key in hex (01 + 64 hex "
                    + "digits for Ed25519): " + e.getMessage());
        }
    }

    static long number(String name, String text) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("bad-parameter", "'" + name + "' must be a non-negative integer, got '"
                    + text + "'");
        }
    }

    /** No argument: queries that take none refuse even {@code {}}. */
    private static JsonNode empty() {
        return null;
    }
}
