package org.fogledger.cluster.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorNode;

/**
 * What the demo hands its added chapters: the running cluster, the keys the demo holds, where it keeps data, and
 * the size of the fleet the user asked for.
 *
 * @param validators    the four running validators, in genesis order
 * @param genesis       the chain's genesis
 * @param rootOperator  the root operator's key (named at genesis)
 * @param ledger        a ledger client on the first validator's ActorSystem
 * @param dataDir       the demo's data directory (DIR/demo); chapters keep their files under a folder of their own
 * @param fleetDevices  how many simulated devices the user asked for ({@code --fleet}); 0 skips fleet chapters
 * @param fleetDuration how long to drive them ({@code --fleet-duration})
 * @param out           progress and summaries
 */
public record DemoStage(List<ValidatorNode> validators, Genesis genesis, KeyPair rootOperator, LedgerClient ledger,
                        Path dataDir, int fleetDevices, Duration fleetDuration, PrintWriter out) {

    public DemoStage {
        validators = List.copyOf(validators);
    }
}
