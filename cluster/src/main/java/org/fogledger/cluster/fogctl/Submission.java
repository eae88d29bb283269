package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.JsonNode;
import org.fogledger.ledger.crypto.KeyPair;
import picocli.CommandLine.Model.CommandSpec;

/** The common tail of the commands that send one transaction: sign with --key, submit, print the receipt. */
final class Submission {
    private Submission() {
    }

    static int send(CommandSpec spec, KeyPair key, String what, String contract, String command, JsonNode payload,
                    Output.Format output) {
        Fogctl fogctl = Fogctl.of(spec);
        ApiClient api = fogctl.api();
        JsonNode receipt = fogctl.submitter(api, key).submit(contract, command, ResourceKind.canonical(payload), true);
        Receipts.print(spec.commandLine().getOut(), what, receipt, output);
        return ExitCode.OK;
    }
}
