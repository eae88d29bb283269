package org.fogledger.ledger.execution;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.wire.WireMessage;

/**
 * What a transaction would do if it were committed now: each execution it would cause (the transaction itself,
 * then the internal messages it sends, in block order), run against the state after the last executed block and
 * not kept. Or, when it could not be tried, why ({@code refusalCode}, {@code refusal}): the validator's admission
 * checks (signature, chain, size, used nonce) or an unavailable host.
 *
 * <p>Each instance is run against its committed state: an instance that one dry run calls twice sees its committed
 * state both times, where a real block would show it the first call's effect. Crosses the wire (Kryo 1120-1121).
 *
 * @param executedHeight the height whose state the executions ran against (-1 when refused before running)
 */
public record DryRunResult(long executedHeight, List<Step> steps, String refusalCode, String refusal)
        implements WireMessage {

    /** One execution: the transaction itself (index 0, not internal) or an internal message it led to. */
    public record Step(int index, boolean internal, String address, String command, boolean ok, String code,
                       byte[] data) implements WireMessage {
        public Step {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(code, "code");
            data = data == null ? new byte[0] : data;
        }

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    public DryRunResult {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public static DryRunResult refused(String code, String message) {
        return new DryRunResult(-1, List.of(), Objects.requireNonNull(code, "code"),
                Objects.requireNonNull(message, "message"));
    }

    public boolean wasRun() {
        return refusalCode == null;
    }

    /** Run, and every execution it caused succeeded. */
    public boolean wouldSucceed() {
        return wasRun() && steps.stream().allMatch(Step::ok);
    }
}
