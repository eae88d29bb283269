package org.fogledger.ledger.contract.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The JSON payloads of the tokens contract's commands. Fields are boxed so a missing one is told apart from zero
 * and refused by name.
 */
public sealed interface TokensCommand {

    /** {@code mint}: new tokens for {@code to}; only a minter key, in a direct transaction. */
    record Mint(String to, Long amount) implements TokensCommand {
    }

    /** {@code transfer}: from an account the invoker controls to any account. */
    record Transfer(String from, String to, Long amount) implements TokensCommand {
    }

    /**
     * {@code escrow-open}: sets {@code amount} of the payer's tokens aside under a new {@code id}.
     *
     * @param payees the only accounts payments may go to; leave it out to allow any
     * @param memo   when present, a JSON object (at most {@value TokensContract#MAX_MEMO_BYTES} bytes) that
     *               the payer addresses to the controller: the controller, which must then be a contract, is sent
     *               {@code escrow-opened} with the escrow's terms and this object (see {@link EscrowOpenedNotice})
     */
    record EscrowOpen(String id, String payer, String controller, List<String> payees, Long amount,
                      Long expiresAt, JsonNode memo) implements TokensCommand {
    }

    /** {@code escrow-fund}: the payer adds {@code amount} to an open escrow. */
    record EscrowFund(String id, Long amount) implements TokensCommand {
    }

    /** {@code escrow-pay}: the controller pays {@code amount} from the escrow to {@code to}. */
    record EscrowPay(String id, String to, Long amount) implements TokensCommand {
    }

    /** {@code escrow-refund}: what the escrow holds goes back to its payer. */
    record EscrowRefund(String id) implements TokensCommand {
    }
}
