package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.fogledger.ledger.crypto.KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fogctl diff -f FILE}: what applying the file would change on the ledger. Exit 0: no change; 1: changes;
 * above 1: an error (as every command).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare documents with the ledger's current state: '=' unchanged, '~' changed (with '-'"
                + " ledger and '+' file lines), '+' not on the ledger yet.",
            "Exit code 0: no change; 1: changes; above 1: error. Consents and offers are always new transactions."},
        footerHeading = "%nExample:%n", footer = "  fogctl diff -f config/examples/policy.yaml --key region.key")
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "A file, a directory or - for standard input. Repeatable.")
    List<String> files;

    @Override
    public Integer call() {
        Fogctl fogctl = Fogctl.of(spec);
        KeyPair key = fogctl.key();
        List<PlannedTransaction> plans = Manifests.plan(files, spec.commandLine(), key);
        ApiClient api = fogctl.api();
        PrintWriter out = spec.commandLine().getOut();
        boolean changes = false;
        for (PlannedTransaction plan : plans) {
            changes |= diff(out, api, plan, java.util.HexFormat.of().formatHex(key.publicKey().encoded()));
        }
        out.flush();
        return changes ? ExitCode.NO : ExitCode.OK;
    }

    /** Prints the difference for one document; true if applying it would change something. */
    private static boolean diff(PrintWriter out, ApiClient api, PlannedTransaction plan, String sender) {
        String what = plan.kind() + " " + plan.name();
        JsonNode payload = plan.describe(null).get("payload");
        JsonNode current;
        JsonNode desired;
        switch (plan.kind()) {
            case "Policy" -> {
                desired = payload.get("document");
                String scope = desired.path("scope").asText();
                // A policy is kept per scope and issuing rank: the signer's own rank, from its chain.
                JsonNode chain = api.getOrNull("agents/" + sender);
                JsonNode link = chain == null ? null : lastLink(chain);
                if (link == null || !link.hasNonNull("rank")) {
                    throw new FogctlException(ExitCode.REFUSED, "not-authorised", "the signer " + sender
                            + " holds no delegation, so it issues no policy to compare with");
                }
                current = newestPolicy(api.getOrNull("policies" + (scope.equals("/") ? "/" : scope) + "?rank="
                        + ApiClient.query(link.get("rank").asText())), scope);
            }
            case "Device" -> {
                desired = payload;
                current = api.getOrNull("devices/" + ApiClient.segment(plan.contract().substring("registry/".length())));
            }
            case "Delegation" -> {
                desired = payload;
                JsonNode answer = api.getOrNull("agents/" + payload.path("agent").asText());
                JsonNode link = answer == null ? null : lastLink(answer);
                if (link != null && link.hasNonNull("revokedAtHeight")) {
                    out.println("+ " + what + ": revoked on the ledger at height " + link.get("revokedAtHeight")
                            + "; applying delegates afresh");
                    return true;
                }
                current = link == null ? null : ((com.fasterxml.jackson.databind.node.ObjectNode) link.deepCopy())
                        .set("expiresAt", link.get("expiresAtMillis"));
            }
            default -> {
                out.println("+ " + what + ": every " + plan.kind() + " is a new transaction (" + plan.command()
                        + "); there is nothing on the ledger to compare it with");
                return true;
            }
        }
        if (current == null) {
            out.println("+ " + what + ": not on the ledger");
            return true;
        }
        Map<String, String> before = flatten(current);
        Map<String, String> after = flatten(desired);
        StringBuilder lines = new StringBuilder();
        // Only the fields the file sets: the ledger's answers carry more (history, phase, heights).
        for (String field : new TreeSet<>(after.keySet())) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                lines.append("    - ").append(field).append(": ").append(before.getOrDefault(field, "(absent)"))
                        .append('\n').append("    + ").append(field).append(": ").append(after.get(field))
                        .append('\n');
            }
        }
        if (plan.kind().equals("Policy")) {
            for (String field : before.keySet()) {
                if (!after.containsKey(field) && field.startsWith("rules")) {
                    lines.append("    - ").append(field).append(": ").append(before.get(field)).append('\n')
                            .append("    + ").append(field).append(": (absent)\n");
                }
            }
        }
        if (lines.isEmpty()) {
            out.println("= " + what + ": no change");
            return false;
        }
        out.print("~ " + what + ":\n" + lines);
        return true;
    }

    /** The newest policy document of {@code scope} in a policies answer (one document, or a list of them). */
    static JsonNode newestPolicy(JsonNode answer, String scope) {
        if (answer == null) {
            return null;
        }
        JsonNode newest = null;
        for (JsonNode item : Output.rows(answer.has("newest") ? answer.get("newest") : answer)) {
            JsonNode document = item.has("document") ? item.get("document") : item;
            if (scope.equals(document.path("scope").asText()) && (newest == null
                    || document.path("version").asLong() > newest.path("version").asLong())) {
                newest = document;
            }
        }
        return newest;
    }

    /** The agent's own link (the last of its chain), or null when it holds none. */
    static JsonNode lastLink(JsonNode chainAnswer) {
        JsonNode chain = chainAnswer.get("chain");
        if (chain == null || !chain.isArray() || chain.isEmpty()) {
            return null;
        }
        return chain.get(chain.size() - 1);
    }

    /** {@code rules.firmware.minimum -> "2.4.1"}: every leaf of a JSON tree under its dotted path. */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten(node, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String path, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out);
            }
        } else if (node.isArray()) {
            // A list compares as a whole: its order matters to the contracts (actions, purposes, recipients).
            out.put(path, node.toString());
        } else if (!node.isNull()) {
            out.put(path, node.asText());
        }
    }
}
