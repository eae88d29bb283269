package org.fogledger.ledger.consensus.simulation;

import java.util.Map;

/** How a run ended: the first violation (or null), the trace, and a few figures. */
public record SimulationResult(
        SimulationConfig config,
        String violation,
        String trace,
        long simulatedMillis,
        long committedHeight,
        long rounds,
        int messagesDelivered,
        Map<String, Long> drops) {

    public boolean passed() {
        return violation == null;
    }

    /** The report a failing seed prints: what broke, how to replay it, and the last events. */
    public String report() {
        return "FAILED " + config + "\n  " + violation + "\n  replay: mvn -B -pl ledger-actors test "
                + "-Dtest=ConsensusSimulationTest -Dconsensus.seed=" + config.seed() + " -Dconsensus.validators="
                + config.validators() + " -Dconsensus.trace.full=true\n  last events:\n" + trace;
    }

    public String summary() {
        return config + " -> " + (passed() ? "ok" : "FAILED") + ", height " + committedHeight + ", rounds " + rounds
                + ", " + messagesDelivered + " messages, " + simulatedMillis + "ms simulated, drops " + drops;
    }
}
