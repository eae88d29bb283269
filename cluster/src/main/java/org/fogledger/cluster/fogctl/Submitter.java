package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * Signs transactions on this machine and posts them ({@code POST /api/v1/transactions}): the node sees the signed
 * bytes only, never the key. The nonce comes from the ledger ({@code GET /api/v1/nonce/{key}}); when the server
 * cannot say (404), fogctl keeps the next nonce per key in a local file ({@code ~/.fogctl/nonces/<key id>}); when
 * it can, the larger of the two is used, since the ledger does not count a transaction still pending.
 */
final class Submitter {
    private final ApiClient api;
    private final KeyPair key;
    private final String chainId;
    private final Path nonceDirectory;

    Submitter(ApiClient api, KeyPair key, String chainId, Path nonceDirectory) {
        this.api = api;
        this.key = key;
        this.chainId = chainId;
        this.nonceDirectory = nonceDirectory;
    }

    /** The chain id: given, or as the server's validators answer says (field {@code chainId}). */
    static String chainId(ApiClient api, String given) {
        if (given != null) {
            return given;
        }
        JsonNode validators = api.get("validators");
        JsonNode chainId = validators == null ? null : validators.get("chainId");
        if (chainId == null || !chainId.isTextual() || chainId.asText().isBlank()) {
            throw new FogctlException(ExitCode.UNREACHABLE, "no-chain-id", api.server() + " did not say its chain id"
                    + " (GET /api/v1/validators has no 'chainId'); give --chain-id or set chain-id in the config file");
        }
        return chainId.asText();
    }

    /** Signs and submits; answers the server's receipt. {@code wait=false} returns once the node accepted it. */
    JsonNode submit(String contract, String command, byte[] payload, boolean wait) {
        long nonce = nextNonce();
        ApiClient.Answer answer = api.post(wait ? "transactions" : "transactions?wait=false",
                signed(nonce, contract, command, payload));
        if (answer.status() < 400 || answer.body() != null && answer.body().has("receipt")) {
            // Committed, accepted, or committed and refused by the contract: the nonce is used either way.
            remember(nonce + 1);
        }
        return api.orThrow(answer);
    }

    /**
     * Signs with the next nonce and asks the node what the transaction would do ({@code ?dryRun=true}): nothing is
     * committed and the nonce stays unused. Answers the node's answer as it is: the dry run, or an error whose body
     * holds the dry run ({@code dryRun}) when an execution would be refused.
     */
    ApiClient.Answer dryRun(String contract, String command, byte[] payload) {
        return api.post("transactions?dryRun=true", signed(nextNonce(), contract, command, payload));
    }

    private ObjectNode signed(long nonce, String contract, String command, byte[] payload) {
        Transaction tx = Transaction.sign(key, chainId, nonce, contract, command, payload);
        return ApiClient.JSON.createObjectNode().put("transaction", HexFormat.of().formatHex(tx.encode()));
    }

    private long nextNonce() {
        String keyHex = HexFormat.of().formatHex(key.publicKey().encoded());
        JsonNode answer = api.getOrNull("nonce/" + keyHex);
        long local = readLocal();
        if (answer != null && answer.path("next").canConvertToLong()) {
            // The ledger counts committed transactions only: one this machine sent with --no-wait may still be
            // pending, and the local file, written after each submission, knows of it.
            return Math.max(answer.get("next").asLong(), local);
        }
        return local;
    }

    private Path nonceFile() {
        return nonceDirectory.resolve(key.publicKey().keyId().hex());
    }

    private long readLocal() {
        Path file = nonceFile();
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            throw FogctlException.badInput("nonce file " + file + " is unreadable (" + e.getMessage() + "); delete it"
                    + " if the server can tell the next nonce");
        }
    }

    private void remember(long next) {
        try {
            Files.createDirectories(nonceDirectory);
            Files.writeString(nonceFile(), Long.toString(next) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The nonce is a convenience when the server can answer it; a failure to keep it is not the command's.
        }
    }
}
