package org.fogledger.ledger.contract.tokens;

import static org.fogledger.ledger.contract.tokens.ContractTestKeys.key;
import static org.fogledger.ledger.contract.tokens.TokensContractTest.assertOk;
import static org.fogledger.ledger.contract.tokens.TokensContractTest.assertRefused;
import static org.fogledger.ledger.contract.tokens.TokensLedger.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Test;

/**
 * An escrow-open with a {@code memo} tells its controller contract, in a message only the tokens contract can send,
 * that the escrow exists: what the sharing contract opens its sessions on.
 */
class EscrowMemoTest {
    static final KeyPair MINTER = key(1);
    static final KeyPair ALICE = key(2);
    static final String A = Accounts.of(ALICE.publicKey());
    static final String OWNER = Accounts.of(key(3).publicKey());
    static final ContractAddress SHARING = ContractAddress.of("sharing", "wm-7");

    final TokensLedger ledger = new TokensLedger(new TokensContract(List.of(MINTER.publicKey())));

    EscrowMemoTest() {
        assertOk(ledger.direct(MINTER, "mint", json("to", A, "amount", 100)), "minted");
    }

    String open(String controller, Object memo) {
        return "{\"amount\":30,\"controller\":\"" + controller + "\",\"expiresAt\":" + (ledger.time() + 1_000)
                + ",\"id\":\"s-1\"" + (memo == null ? "" : ",\"memo\":" + memo) + ",\"payees\":[\"" + OWNER
                + "\"],\"payer\":\"" + A + "\"}";
    }

    @Test
    void a_memo_sends_the_controller_the_escrows_terms_and_the_memo_as_given() {
        assertOk(ledger.direct(ALICE, "escrow-open", open("sharing/wm-7", "{\"units\":10,\"offer\":1}")),
                "escrow-opened");
        List<ContractMessage> sent = ledger.lastMessages();
        assertEquals(1, sent.size());
        assertEquals(SHARING, sent.get(0).target());
        assertEquals(EscrowOpenedNotice.COMMAND, sent.get(0).command());
        EscrowOpenedNotice notice = ContractJson.readTrusted(sent.get(0).payload(), EscrowOpenedNotice.class);
        assertEquals("s-1", notice.id());
        assertEquals(A, notice.payer());
        assertEquals("sharing/wm-7", notice.controller());
        assertEquals(List.of(OWNER), notice.payees());
        assertEquals(30, notice.amount());
        assertEquals(ledger.time() + 1_000, notice.expiresAt());
        assertEquals(10, notice.memo().get("units").asLong());
        assertEquals(70, ledger.state().balance(A));
    }

    @Test
    void without_a_memo_no_one_is_told() {
        assertOk(ledger.direct(ALICE, "escrow-open", open("sharing/wm-7", null)), "escrow-opened");
        assertEquals(List.of(), ledger.lastMessages());
        assertOk(ledger.direct(ALICE, "escrow-open", open("sharing/wm-7", "null").replace("s-1", "s-2")),
                "escrow-opened");
        assertEquals(List.of(), ledger.lastMessages());
    }

    @Test
    void a_memo_is_refused_for_a_key_controller_when_not_an_object_and_when_too_large() {
        assertRefused(ledger.direct(ALICE, "escrow-open", open(OWNER, "{}")), "invalid-memo",
                "memo is for a contract controller, but the controller " + OWNER + " is a key");
        assertRefused(ledger.direct(ALICE, "escrow-open", open("sharing/wm-7", "[1]")), "invalid-memo",
                "memo must be a JSON object, got array");
        assertRefused(ledger.direct(ALICE, "escrow-open", open("sharing/wm-7", "7")), "invalid-memo",
                "got number");
        String big = "{\"pad\":\"" + "x".repeat(TokensContract.MAX_MEMO_BYTES) + "\"}";
        assertRefused(ledger.direct(ALICE, "escrow-open", open("sharing/wm-7", big)), "invalid-memo",
                "bytes of JSON; at most " + TokensContract.MAX_MEMO_BYTES);
        assertEquals(100, ledger.state().balance(A));
    }

    @Test
    void a_refused_open_tells_no_one() {
        assertRefused(ledger.direct(ALICE, "escrow-open", open("sharing/wm-7", "{}").replace("30", "300")),
                "insufficient-balance");
        assertEquals(List.of(), ledger.lastMessages());
    }
}
