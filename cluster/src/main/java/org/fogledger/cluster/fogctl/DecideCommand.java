package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fogctl decide DEVICE ACTION}: an agent's decision, settled by the device's arbitration. */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = {"Decide ACTION about DEVICE as an agent (authority.decide): the device's arbitration settles it"
                + " against other agents' decisions and the policies in force; see 'fogctl get decisions DEVICE'.",
            "Actions: admit, block, quarantine, release, update-firmware, revoke-access, transfer."},
        footerHeading = "%nExample:%n", footer = "  fogctl decide meter-7 quarantine --note 'ticket 7' --key region.key")
final class DecideCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEVICE", description = "The device id.")
    String deviceId;

    @Parameters(index = "1", paramLabel = "ACTION", description = "The action (see above).")
    String action;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the record.")
    String note;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or yaml.")
    Output.Format output;

    @Override
    public Integer call() {
        try {
            ContractAddress.of("registry", deviceId);
            DecisionAction.fromWireName(action);
        } catch (IllegalArgumentException e) {
            throw new FogctlException(ExitCode.USAGE, "usage", e.getMessage());
        }
        ObjectNode payload = ApiClient.JSON.createObjectNode().put("deviceId", deviceId).put("action", action);
        if (note != null) {
            payload.put("note", note);
        }
        return Submission.send(spec, Fogctl.of(spec).key(), "decide " + action + " " + deviceId, "authority/_",
                "decide", payload, output);
    }
}
