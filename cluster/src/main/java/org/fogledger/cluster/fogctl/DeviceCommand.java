package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.registry.Declaration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fogctl device declare}: a declaration about a device's life (a block, a move, a lifecycle step). */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Declarations about devices.",
        subcommands = DeviceCommand.Declare.class)
final class DeviceCommand {

    @Command(name = "declare", mixinStandardHelpOptions = true,
            description = {"Declare DECLARATION about device ID: as an agent (default; the authority contract checks"
                    + " your delegation and jurisdiction and relays it to the registry), or --as-owner (straight to"
                    + " the registry, as the device's owner or an administrator).",
                "Declarations: commissioned, shipped, received, stored, installed, public-access, stolen, recovered,"
                        + " obsolete, decommissioned, destroyed, blocked, released."},
            footerHeading = "%nExamples:%n",
            footer = {"  fogctl device declare dev-42 blocked --note 'ticket 7' --key site.key",
                "  fogctl device declare dev-42 installed --location /eu/fr/lyon/ward-3 --as-owner --key owner.key"})
    static final class Declare implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The device id.")
        String deviceId;

        @Parameters(index = "1", paramLabel = "DECLARATION", description = "What happened (see above).")
        String declaration;

        @Option(names = "--location", paramLabel = "PATH", description = "Where the device now is (received,"
                + " stored, installed only).")
        String location;

        @Option(names = "--note", paramLabel = "TEXT", description = "Kept in the history: a ticket, a report number.")
        String note;

        @Option(names = "--as-owner", description = "Declare as the owner or an administrator, not as an agent.")
        boolean asOwner;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default), json or yaml.")
        Output.Format output;

        @Override
        public Integer call() {
            try {
                ContractAddress.of("registry", deviceId);
                Declaration.fromWireName(declaration);
            } catch (IllegalArgumentException e) {
                throw new FogctlException(ExitCode.USAGE, "usage", e.getMessage());
            }
            ObjectNode payload = ApiClient.JSON.createObjectNode().put("declaration", declaration);
            if (location != null) {
                payload.put("location", location);
            }
            if (note != null) {
                payload.put("note", note);
            }
            var key = Fogctl.of(spec).key();
            if (asOwner) {
                return Submission.send(spec, key, "declare " + declaration + " " + deviceId, "registry/" + deviceId,
                        "declare", payload, output);
            }
            payload.put("deviceId", deviceId);
            return Submission.send(spec, key, "declare " + declaration + " " + deviceId, "authority/_", "declare",
                    payload, output);
        }
    }
}
