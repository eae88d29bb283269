package org.fogledger.ledger.contract.tokens;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.Executor;
import org.fogledger.ledger.contract.InstanceTransition;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * Runs tokens commands one by one through the runtime's {@link Executor} (the path both hosts take), with any
 * invoker: a key in a direct transaction, or a contract sending an internal message. Keeps the state between
 * commands, as a host does.
 */
final class TokensLedger {
    private final TokensContract contract;
    private TokensState state = TokensState.EMPTY;
    private long height;
    private long timeMillis = 1_000_000;
    private List<?> lastEvents = List.of();
    private List<ContractMessage> lastMessages = List.of();

    TokensLedger(TokensContract contract) {
        this.contract = contract;
    }

    TokensState state() {
        return state;
    }

    long time() {
        return timeMillis;
    }

    void advanceTime(long millis) {
        timeMillis += millis;
    }

    /** {@code command} in a transaction signed by {@code signer}. */
    ContractResult direct(KeyPair signer, String command, String json) {
        return run(new ExecutionContext(height, 0, timeMillis, signer.publicKey(), null, Hash.ZERO), command, json);
    }

    /** {@code command} as an internal message from contract {@code caller}, in a tx signed by {@code origin}. */
    ContractResult internal(ContractAddress caller, KeyPair origin, String command, String json) {
        return run(new ExecutionContext(height, 1, timeMillis, origin.publicKey(), caller, Hash.ZERO), command,
                json);
    }

    /** The events the last command persisted (none if it failed). */
    List<?> lastEvents() {
        return lastEvents;
    }

    /** The messages the last command sent (none if it failed). */
    List<ContractMessage> lastMessages() {
        return lastMessages;
    }

    /** A JSON object from alternating names and values. */
    static String json(Object... namesAndValues) {
        java.util.TreeMap<String, Object> object = new java.util.TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return org.fogledger.ledger.contract.ContractJson.writeString(object);
    }

    private ContractResult run(ExecutionContext context, String command, String json) {
        height++;
        Invocation invocation = new Invocation(TokensContract.ADDRESS, command,
                json.getBytes(StandardCharsets.UTF_8), context);
        InstanceTransition<?> transition = Executor.run(contract, state, invocation, ExecutionLimits.DEFAULT);
        state = (TokensState) transition.state();
        lastEvents = transition.events();
        lastMessages = transition.report().messages();
        return transition.report().result();
    }
}
