package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** One line per submitted transaction, or the receipt as JSON/YAML with {@code -o}. */
final class Receipts {
    private Receipts() {
    }

    static void print(PrintWriter out, String what, JsonNode receipt, Output.Format format) {
        if (format != Output.Format.table) {
            Output.print(out, receipt, format, null);
            return;
        }
        if ("dry-run".equals(receipt.path("status").asText())) {
            printDryRun(out, what, receipt);
            return;
        }
        String status = receipt.path("status").asText("?");
        StringBuilder line = new StringBuilder(what).append(": ").append(status);
        if (receipt.has("height")) {
            line.append(" at height ").append(receipt.get("height").asText()).append(" index ")
                    .append(receipt.path("index").asText());
        }
        if (receipt.has("txHash")) {
            String hash = receipt.get("txHash").asText();
            line.append(" (tx ").append(hash, 0, Math.min(16, hash.length())).append(')');
        }
        JsonNode result = receipt.get("result");
        if (result != null) {
            line.append(": ").append(result.path("code").asText());
            JsonNode data = result.get("data");
            if (data != null && !data.isNull()) {
                line.append(' ').append(data.isTextual() ? data.asText() : data.toString());
            }
        }
        out.println(line);
        out.flush();
    }

    /** The dry run's verdict on one line, then each execution it would cause (internal ones after an arrow). */
    private static void printDryRun(PrintWriter out, String what, JsonNode dryRun) {
        String hash = dryRun.path("txHash").asText("");
        out.println(what + ": dry run, " + (dryRun.path("wouldSucceed").asBoolean() ? "would commit" : "would fail")
                + " against the state at height " + dryRun.path("executedHeight").asText("?")
                + (hash.isEmpty() ? "" : " (tx " + hash.substring(0, Math.min(16, hash.length())) + ")"));
        for (JsonNode execution : dryRun.path("executions")) {
            JsonNode data = execution.get("data");
            out.println("  " + (execution.path("internal").asBoolean() ? "-> " : "")
                    + execution.path("address").asText() + " " + execution.path("command").asText() + ": "
                    + (execution.path("ok").asBoolean() ? "" : "refused ") + execution.path("code").asText()
                    + (data == null || data.isNull() ? "" : " " + (data.isTextual() ? data.asText() : data.toString())));
        }
        out.flush();
    }
}
