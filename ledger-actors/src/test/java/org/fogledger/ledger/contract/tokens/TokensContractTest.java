package org.fogledger.ledger.contract.tokens;

import static org.fogledger.ledger.contract.tokens.ContractTestKeys.key;
import static org.fogledger.ledger.contract.tokens.TokensLedger.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokensContractTest {
    static final KeyPair MINTER = key(1);
    static final KeyPair ALICE = key(2);
    static final KeyPair BOB = key(3);
    static final ContractAddress WASHER = ContractAddress.of("washer", "wm-1");
    static final ContractAddress OTHER = ContractAddress.of("shop", "s-1");
    static final String A = Accounts.of(ALICE.publicKey());
    static final String B = Accounts.of(BOB.publicKey());

    final TokensLedger ledger = new TokensLedger(new TokensContract(List.of(MINTER.publicKey())));

    static void assertOk(ContractResult result, String code) {
        assertTrue(result.ok(), () -> "expected " + code + ", got " + result);
        assertEquals(code, result.code());
    }

    static void assertRefused(ContractResult result, String code, String... reasonParts) {
        assertFalse(result.ok(), () -> "expected refusal " + code + ", got " + result);
        assertEquals(code, result.code(), result::text);
        for (String part : reasonParts) {
            assertTrue(result.text().contains(part), () -> "reason '" + result.text() + "' lacks '" + part + "'");
        }
    }

    void mint(String to, long amount) {
        assertOk(ledger.direct(MINTER, "mint", json("to", to, "amount", amount)), "minted");
    }

    @Nested
    class Minting {
        @Test
        void a_minter_key_creates_tokens_for_any_account() {
            mint(A, 100);
            mint(Accounts.of(WASHER), 5);
            assertEquals(100, ledger.state().balance(A));
            assertEquals(5, ledger.state().balance("washer/wm-1"));
            assertEquals(105, ledger.state().supply());
        }

        @Test
        void any_other_key_is_refused() {
            assertRefused(ledger.direct(ALICE, "mint", json("to", A, "amount", 100)), "not-authorised",
                    "only a minter key may mint", A);
            assertEquals(0, ledger.state().supply());
        }

        @Test
        void a_contract_cannot_mint_even_when_a_minter_signed_the_transaction_that_called_it() {
            assertRefused(ledger.internal(WASHER, MINTER, "mint", json("to", A, "amount", 100)), "not-authorised",
                    "washer/wm-1 is not one");
        }

        @Test
        void a_mint_past_the_largest_long_is_refused_and_changes_nothing() {
            mint(A, Long.MAX_VALUE - 10);
            assertRefused(ledger.direct(MINTER, "mint", json("to", B, "amount", 11)), "amount-overflow",
                    "would take the supply of " + (Long.MAX_VALUE - 10));
            mint(B, 10);
            assertEquals(Long.MAX_VALUE, ledger.state().supply());
        }

        @Test
        void amounts_must_be_positive_and_present() {
            assertRefused(ledger.direct(MINTER, "mint", json("to", A, "amount", 0)), "invalid-amount",
                    "amount must be > 0, got 0");
            assertRefused(ledger.direct(MINTER, "mint", json("to", A, "amount", -5)), "invalid-amount");
            assertRefused(ledger.direct(MINTER, "mint", json("to", A)), "malformed-payload", "amount is required");
            assertRefused(ledger.direct(MINTER, "mint", "{\"to\":\"" + A + "\",\"amount\":1.5}"),
                    "malformed-payload", "amount");
        }

        @Test
        void an_account_is_a_key_id_or_a_full_contract_address() {
            assertRefused(ledger.direct(MINTER, "mint", json("to", "alice", "amount", 1)), "invalid-account",
                    "to 'alice' is not an account");
            assertRefused(ledger.direct(MINTER, "mint", json("to", "washer", "amount", 1)), "invalid-account");
            assertRefused(ledger.direct(MINTER, "mint", json("to", A.toUpperCase(), "amount", 1)),
                    "invalid-account");
            assertRefused(ledger.direct(MINTER, "mint", json("to", "Washer/wm-1", "amount", 1)),
                    "invalid-account", "contract name 'Washer'");
        }
    }

    @Nested
    class Transfers {
        @Test
        void a_key_moves_its_own_tokens() {
            mint(A, 100);
            ContractResult result = ledger.direct(ALICE, "transfer", json("from", A, "to", B, "amount", 30));
            assertOk(result, "transferred");
            assertEquals(70, ledger.state().balance(A));
            assertEquals(30, ledger.state().balance(B));
            assertEquals(Map.of("from", A, "to", B, "balance", 70, "toBalance", 30),
                    ContractJson.readTrusted(result.data(), Map.class));
        }

        @Test
        void a_key_cannot_move_another_accounts_tokens() {
            mint(A, 100);
            assertRefused(ledger.direct(BOB, "transfer", json("from", A, "to", B, "amount", 30)),
                    "not-authorised", "from is " + A + ", but the invoker is " + B);
            assertEquals(100, ledger.state().balance(A));
        }

        @Test
        void a_contract_moves_its_own_account_by_internal_message_and_only_so() {
            mint(Accounts.of(WASHER), 50);
            assertRefused(ledger.direct(ALICE, "transfer", json("from", "washer/wm-1", "to", A, "amount", 10)),
                    "not-authorised");
            assertOk(ledger.internal(WASHER, ALICE, "transfer", json("from", "washer/wm-1", "to", A,
                    "amount", 10)), "transferred");
            assertEquals(40, ledger.state().balance("washer/wm-1"));
        }

        @Test
        void a_contract_cannot_spend_the_key_whose_transaction_called_it() {
            mint(A, 100);
            assertRefused(ledger.internal(WASHER, ALICE, "transfer", json("from", A, "to", B, "amount", 10)),
                    "not-authorised", "an internal message acts for the contract that sent it");
        }

        @Test
        void no_balance_goes_negative() {
            mint(A, 10);
            assertRefused(ledger.direct(ALICE, "transfer", json("from", A, "to", B, "amount", 11)),
                    "insufficient-balance", A + " holds 10, needs 11");
            assertRefused(ledger.direct(BOB, "transfer", json("from", B, "to", A, "amount", 1)),
                    "insufficient-balance", "holds 0");
        }

        @Test
        void a_transfer_to_oneself_is_refused() {
            mint(A, 10);
            assertRefused(ledger.direct(ALICE, "transfer", json("from", A, "to", A, "amount", 1)),
                    "invalid-transfer");
        }

        @Test
        void an_account_that_spends_everything_leaves_the_state() {
            mint(A, 10);
            ledger.direct(ALICE, "transfer", json("from", A, "to", B, "amount", 10));
            assertFalse(ledger.state().balances().containsKey(A));
        }
    }

    @Nested
    class Escrows {
        static final String ESCROW = "wm-1-detergent";

        void openEscrow(long amount, List<String> payees) {
            mint(A, 100);
            TreeMap<String, Object> open = new TreeMap<>(Map.of("id", ESCROW, "payer", A, "controller",
                    "washer/wm-1", "amount", amount, "expiresAt", ledger.time() + 10_000));
            if (payees != null) {
                open.put("payees", payees);
            }
            assertOk(ledger.direct(ALICE, "escrow-open", ContractJson.writeString(open)), "escrow-opened");
        }

        ContractResult payByWasher(String to, long amount) {
            return ledger.internal(WASHER, ALICE, "escrow-pay", json("id", ESCROW, "to", to, "amount", amount));
        }

        @Test
        void opening_moves_tokens_from_the_payer_into_the_escrow() {
            openEscrow(60, List.of(B));
            assertEquals(40, ledger.state().balance(A));
            Escrow escrow = ledger.state().escrows().get(ESCROW);
            assertEquals(60, escrow.remaining());
            assertEquals(List.of(B), escrow.payees());
            assertEquals(100, ledger.state().supply());
        }

        @Test
        void the_controlling_contract_pays_a_payee_as_caller() {
            openEscrow(60, List.of(B));
            assertOk(payByWasher(B, 25), "escrow-paid");
            assertEquals(25, ledger.state().balance(B));
            assertEquals(35, ledger.state().escrows().get(ESCROW).remaining());
        }

        @Test
        void nobody_else_pays_not_even_the_payer_nor_a_key_signing_for_the_controller() {
            openEscrow(60, null);
            assertRefused(ledger.direct(ALICE, "escrow-pay", json("id", ESCROW, "to", B, "amount", 1)),
                    "not-authorised", "only the controller of escrow 'wm-1-detergent', washer/wm-1");
            assertRefused(ledger.internal(OTHER, ALICE, "escrow-pay", json("id", ESCROW, "to", B, "amount", 1)),
                    "not-authorised", "the invoker is shop/s-1");
        }

        @Test
        void payments_go_only_to_the_payees_when_there_are_some() {
            openEscrow(60, List.of(B));
            assertRefused(payByWasher(A, 5), "payee-not-allowed", "pays only " + B + "; not " + A);
        }

        @Test
        void any_payee_when_none_are_named() {
            openEscrow(60, null);
            assertOk(payByWasher(A, 5), "escrow-paid");
            assertNull(ledger.state().escrows().get(ESCROW).payees());
        }

        @Test
        void an_escrow_pays_no_more_than_it_holds() {
            openEscrow(30, List.of(B));
            assertOk(payByWasher(B, 30), "escrow-paid");
            assertRefused(payByWasher(B, 30), "escrow-insufficient",
                    "escrow 'wm-1-detergent' holds 0, cannot pay 30 to " + B);
            assertEquals(30, ledger.state().balance(B));
        }

        @Test
        void no_payment_from_expiry_on_and_then_the_payer_takes_the_rest_back() {
            openEscrow(60, List.of(B));
            assertOk(payByWasher(B, 10), "escrow-paid");
            assertRefused(ledger.direct(ALICE, "escrow-refund", json("id", ESCROW)), "escrow-not-expired",
                    "its payer may refund it from then on");
            ledger.advanceTime(10_000);
            assertRefused(payByWasher(B, 10), "escrow-expired");
            assertRefused(ledger.direct(BOB, "escrow-refund", json("id", ESCROW)), "not-authorised");
            assertOk(ledger.direct(ALICE, "escrow-refund", json("id", ESCROW)), "escrow-refunded");
            assertEquals(90, ledger.state().balance(A));
            assertTrue(ledger.state().escrows().get(ESCROW).closed());
            assertEquals(0, ledger.state().escrows().get(ESCROW).remaining());
        }

        @Test
        void the_controller_refunds_at_any_time_for_instance_when_the_service_failed() {
            openEscrow(60, List.of(B));
            assertOk(ledger.internal(WASHER, BOB, "escrow-refund", json("id", ESCROW)), "escrow-refunded");
            assertEquals(100, ledger.state().balance(A));
            assertRefused(payByWasher(B, 1), "escrow-closed");
            assertRefused(ledger.direct(ALICE, "escrow-fund", json("id", ESCROW, "amount", 5)), "escrow-closed");
        }

        @Test
        void an_escrow_id_is_never_reused() {
            openEscrow(60, List.of(B));
            ledger.internal(WASHER, BOB, "escrow-refund", json("id", ESCROW));
            assertRefused(ledger.direct(ALICE, "escrow-open", json("id", ESCROW, "payer", A, "controller", B,
                    "amount", 1, "expiresAt", ledger.time() + 1)), "escrow-exists", "never reused");
        }

        @Test
        void the_payer_tops_an_escrow_up_from_its_balance() {
            openEscrow(30, List.of(B));
            assertOk(ledger.direct(ALICE, "escrow-fund", json("id", ESCROW, "amount", 20)), "escrow-funded");
            assertEquals(50, ledger.state().escrows().get(ESCROW).remaining());
            assertEquals(50, ledger.state().balance(A));
            assertRefused(ledger.direct(BOB, "escrow-fund", json("id", ESCROW, "amount", 1)), "not-authorised");
            assertRefused(ledger.direct(ALICE, "escrow-fund", json("id", ESCROW, "amount", 51)),
                    "insufficient-balance");
        }

        @Test
        void opening_needs_the_payers_key_enough_tokens_and_a_future_expiry() {
            mint(A, 10);
            assertRefused(ledger.direct(BOB, "escrow-open", json("id", "e", "payer", A, "controller", B,
                    "amount", 5, "expiresAt", ledger.time() + 1)), "not-authorised");
            assertRefused(ledger.direct(ALICE, "escrow-open", json("id", "e", "payer", A, "controller", B,
                    "amount", 11, "expiresAt", ledger.time() + 1)), "insufficient-balance");
            assertRefused(ledger.direct(ALICE, "escrow-open", json("id", "e", "payer", A, "controller", B,
                    "amount", 5, "expiresAt", ledger.time())), "escrow-expired", "is not after the block time");
            assertRefused(ledger.direct(ALICE, "escrow-open", json("id", "e", "payer", A, "controller", B,
                    "payees", List.of(), "amount", 5, "expiresAt", ledger.time() + 1)), "invalid-payees");
            assertRefused(ledger.direct(ALICE, "escrow-open", json("id", "e", "payer", A, "controller", "x",
                    "amount", 5, "expiresAt", ledger.time() + 1)), "invalid-account", "controller 'x'");
            assertRefused(ledger.direct(ALICE, "escrow-open", json("id", "e f", "payer", A, "controller", B,
                    "amount", 5, "expiresAt", ledger.time() + 1)), "invalid-escrow-id");
            assertEquals(10, ledger.state().balance(A));
        }
    }

    @Test
    void tokens_has_one_instance() {
        TokensContract contract = new TokensContract(List.of(MINTER.publicKey()));
        InMemoryContractHost host = new InMemoryContractHost(ContractCatalog.of(contract), ExecutionLimits.DEFAULT);
        BlockResults results = host.execute(1, 1_000, List.of(
                Transaction.sign(MINTER, "test", 0, "tokens/other", "mint", bytes(json("to", A, "amount", 1))),
                Transaction.sign(MINTER, "test", 1, "tokens", "mint", bytes(json("to", A, "amount", 7))),
                Transaction.sign(ALICE, "test", 0, "tokens/_", "burn", bytes("{}"))));
        assertRefused(results.forTransaction(0).result(), "unknown-instance", "there is no tokens/other");
        assertOk(results.forTransaction(1).result(), "minted");
        assertRefused(results.forTransaction(2).result(), "unknown-command", "mint, transfer, escrow-open");
        byte[] balance = host.query(TokensContract.ADDRESS, "balance", bytes(json("account", A)));
        assertEquals(Map.of("account", A, "balance", 7), ContractJson.readTrusted(balance, Map.class));
    }

    @Test
    void queries_answer_balances_and_escrows_and_name_what_is_missing() {
        TokensContract contract = new TokensContract(List.of(MINTER.publicKey()));
        mint(A, 3);
        assertEquals(Map.of("account", B, "balance", 0), ContractJson.readTrusted(
                contract.query(ledger.state(), "balance", bytes(json("account", B))), Map.class));
        ContractRefusal refusal = org.junit.jupiter.api.Assertions.assertThrows(ContractRefusal.class,
                () -> contract.query(ledger.state(), "escrow", bytes(json("id", "nope"))));
        assertEquals("unknown-escrow", refusal.code());
    }

    @Test
    void states_and_events_read_back_equal_from_their_json() {
        mint(A, 100);
        ledger.direct(ALICE, "escrow-open", json("id", "e1", "payer", A, "controller", "washer/wm-1",
                "payees", List.of(B), "amount", 40, "expiresAt", ledger.time() + 5));
        ledger.direct(ALICE, "escrow-open", json("id", "e2", "payer", A, "controller", B, "amount", 10,
                "expiresAt", ledger.time() + 5));
        TokensState state = ledger.state();
        assertEquals(state, ContractJson.readTrusted(ContractJson.write(state), TokensState.class));
        List<TokensEvent> events = List.of(new TokensEvent.Minted(A, 1), new TokensEvent.Transferred(A, B, 2),
                new TokensEvent.EscrowOpened("e", A, B, List.of(B), 3, 4), new TokensEvent.EscrowOpened("e", A, B,
                        null, 3, 4), new TokensEvent.EscrowFunded("e", 5), new TokensEvent.EscrowPaid("e", B, 6),
                new TokensEvent.EscrowRefunded("e", A, 7));
        for (TokensEvent event : events) {
            assertEquals(event, ContractJson.readTrusted(ContractJson.write(event), TokensEvent.class));
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
