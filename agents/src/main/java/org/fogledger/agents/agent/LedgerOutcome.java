package org.fogledger.agents.agent;

import org.fogledger.ledger.chain.Receipt;
import org.fogledger.ledger.validator.SubmitResult;

/**
 * What became of one transaction an agent submitted.
 *
 * @param nonce      the transaction's nonce (the agent's own sequence)
 * @param kind       {@code decide} or {@code delegate}
 * @param txHash     the transaction hash, hex
 * @param outcome    {@code committed} (executed, result ok), {@code failed} (committed, the contract refused),
 *                   {@code refused} (the mempool refused it) or {@code no-answer} (no validator answered in time)
 * @param resultCode the contract's result code, or the mempool's reason
 * @param height     the block height, when committed (else 0)
 * @param index      the index in the block, when committed (else 0)
 * @param message    the contract's result text or the refusal's message, bounded
 */
public record LedgerOutcome(long nonce, String kind, String txHash, String outcome, String resultCode, long height,
                            int index, String message) {
    /** Longest message kept: results are for people reading a status, the ledger keeps the full receipt. */
    public static final int MAX_MESSAGE = 512;

    public static LedgerOutcome of(long nonce, String kind, String txHash, SubmitResult result) {
        if (result instanceof SubmitResult.Committed committed) {
            Receipt receipt = committed.receipt();
            return new LedgerOutcome(nonce, kind, txHash, receipt.isOk() ? "committed" : "failed",
                    receipt.resultCode(), receipt.height(), receipt.index(),
                    bounded(new String(receipt.result(), java.nio.charset.StandardCharsets.UTF_8)));
        }
        SubmitResult.Refused refused = (SubmitResult.Refused) result;
        return new LedgerOutcome(nonce, kind, txHash, "refused", refused.reason(), 0, 0, bounded(refused.message()));
    }

    public static LedgerOutcome noAnswer(long nonce, String kind, String txHash, String why) {
        return new LedgerOutcome(nonce, kind, txHash, "no-answer", "no-answer", 0, 0, bounded(why));
    }

    static String bounded(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    public String describe() {
        return kind + " #" + nonce + " " + outcome + " " + resultCode
                + (height > 0 ? " at " + height + "/" + index : "");
    }
}
