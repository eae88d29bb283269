package org.fogledger.ledger.contract.sharing;

import static org.fogledger.ledger.contract.sharing.SharingWorld.account;
import static org.fogledger.ledger.contract.sharing.SharingWorld.expectOk;
import static org.fogledger.ledger.contract.sharing.SharingWorld.expectRefused;
import static org.fogledger.ledger.contract.sharing.SharingWorld.internal;
import static org.fogledger.ledger.contract.sharing.SharingWorld.key;
import static org.fogledger.ledger.contract.sharing.SharingWorld.memo;
import static org.fogledger.ledger.contract.sharing.SharingWorld.object;
import static org.fogledger.ledger.contract.sharing.SharingWorld.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.tokens.Escrow;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sharing contract with the real registry and tokens contracts: each command, and each refusal. */
class SharingContractTest {
    static final KeyPair OWNER = key("owner");
    static final KeyPair CONSUMER = key("consumer");
    static final KeyPair GATEWAY = key("gateway");
    static final KeyPair STRANGER = key("stranger");
    static final String DEVICE = "wm-7";
    static final String SHARING = "sharing/" + DEVICE;
    static final long PRICE = 3;
    static final long HOUR = 3_600_000;

    final SharingWorld world = new SharingWorld();

    /** The device installed, the consumer holding 100 tokens, and offer 1: 3 tokens a minute, up to 20 minutes. */
    SharingWorld offered() {
        world.installed(DEVICE, OWNER);
        world.mint(CONSUMER, 100);
        ContractResult offered = internal(world.block(world.offerTx(OWNER, DEVICE, terms(PRICE, "minute",
                List.of(GATEWAY), 20))), SHARING, "offer");
        expectOk(offered, "offered");
        return world;
    }

    /** Session {@code id} buying {@code units} minutes, expiring in an hour. */
    void opened(String id, long units) {
        BlockResults results = world.block(world.openTx(CONSUMER, DEVICE, id, account(OWNER), units * PRICE,
                world.nextBlockTime() + HOUR, memo(1, PRICE, units)));
        expectOk(results.forTransaction(0).result(), "escrow-opened");
        expectOk(internal(results, SHARING, "escrow-opened"), "session-opened");
    }

    ContractResult run(org.fogledger.ledger.chain.Transaction tx) {
        return world.block(tx).forTransaction(0).result();
    }

    @Test
    void the_story_pays_the_owner_for_the_minutes_used_and_refunds_the_rest_when_service_fails() {
        offered();
        opened("laundry-1", 10);
        assertEquals(70, world.balance(CONSUMER));
        assertEquals(30, world.escrow("laundry-1").remaining());

        BlockResults first = world.block(world.meterTx(GATEWAY, DEVICE, "laundry-1", 4, 1));
        expectOk(first.forTransaction(0).result(), "metered");
        expectOk(internal(first, "tokens/_", "escrow-pay"), "escrow-paid");
        expectOk(world.block(world.meterTx(GATEWAY, DEVICE, "laundry-1", 2, 2)).forTransaction(0).result());
        BlockResults failed = world.block(world.failTx(GATEWAY, DEVICE, "laundry-1"));
        expectOk(failed.forTransaction(0).result(), "session-ended");
        expectOk(internal(failed, "tokens/_", "escrow-refund"), "escrow-refunded");

        assertEquals(6 * PRICE, world.balance(OWNER), "the owner is paid the minutes used");
        assertEquals(100 - 6 * PRICE, world.balance(CONSUMER), "the consumer keeps the rest");
        assertTrue(world.escrow("laundry-1").closed());
        Session session = world.sharing(DEVICE).session("laundry-1");
        assertEquals(SessionStatus.FAILED, session.status());
        assertEquals(6, session.unitsPaid());
        assertEquals(18, session.paid());
        assertEquals(12, session.refunded());
        assertEquals(100, world.tokens().supply());
    }

    @Nested
    class Offers {
        @Test
        void the_owner_offers_through_the_registry_which_names_the_owner() {
            offered();
            Offer offer = world.sharing(DEVICE).offer();
            assertEquals(1, offer.sequence());
            assertEquals(OWNER.publicKey(), offer.owner());
            assertEquals(account(OWNER), offer.payee());
            assertEquals(List.of(GATEWAY.publicKey()), offer.gateways());
            assertEquals(SharingContract.DEFAULT_SERVICE_START_MILLIS, offer.serviceStartMillis());
            assertNull(offer.expiresAt());
        }

        @Test
        void a_new_offer_takes_the_place_of_the_old_one_with_the_next_sequence() {
            offered();
            expectOk(internal(world.block(world.offerTx(OWNER, DEVICE, terms(5, "kWh", List.of(GATEWAY,
                    STRANGER), 4))), SHARING, "offer"));
            Offer offer = world.sharing(DEVICE).offer();
            assertEquals(2, offer.sequence());
            assertEquals(5, offer.price());
            assertEquals("kWh", offer.unit());
        }

        @Test
        void only_the_owner_offers_and_only_an_admitted_device() {
            world.installed(DEVICE, OWNER);
            expectRefused(run(world.offerTx(STRANGER, DEVICE, terms(3, "minute", List.of(GATEWAY), 5))),
                    "not-authorised", "may be sent by the owner");
            world.block(world.tx(SharingWorld.MAKER, "registry/other", "register", object("deviceKey",
                    SharingWorld.hex(key("device/other")), "model", "washer", "maker",
                    SharingWorld.hex(SharingWorld.MAKER), "owner", SharingWorld.hex(OWNER), "location", "/eu")));
            expectRefused(run(world.offerTx(OWNER, "other", terms(3, "minute", List.of(GATEWAY), 5))),
                    "not-admitted", "registered, not yet commissioned");
            expectRefused(run(world.offerTx(OWNER, "unknown", terms(3, "minute", List.of(GATEWAY), 5))),
                    "not-registered");
        }

        @Test
        void an_offer_sent_to_sharing_directly_is_refused_whoever_it_names() {
            world.installed(DEVICE, OWNER);
            expectRefused(run(world.tx(OWNER, SHARING, "offer", object("owner", SharingWorld.hex(OWNER), "offer",
                    terms(3, "minute", List.of(GATEWAY), 5)))), "not-authorised", "relayed by registry/wm-7");
            expectRefused(run(world.tx(OWNER, SHARING, "withdraw", object("owner", SharingWorld.hex(OWNER)))),
                    "not-authorised", "relayed by registry/wm-7");
            assertNull(world.sharing(DEVICE).offer());
        }

        @Test
        void bad_terms_are_refused_by_sharing_naming_the_field() {
            world.installed(DEVICE, OWNER);
            assertOfferRefused(terms(0, "minute", List.of(GATEWAY), 5), "invalid-amount",
                    "field 'offer.price' must be 1 to");
            assertOfferRefused(terms(3, "per minute", List.of(GATEWAY), 5), "invalid-offer", "offer.unit");
            assertOfferRefused(terms(3, "minute", List.of(), 5), "invalid-offer", "'offer.gateways' lists 0 keys");
            assertOfferRefused(terms(3, "minute", List.of(GATEWAY, GATEWAY), 5), "invalid-offer",
                    "'offer.gateways[1]' repeats");
            assertOfferRefused(terms(3, "minute", List.of(GATEWAY), 0), "invalid-amount",
                    "offer.maxUnitsPerSession");
            Map<String, Object> expired = new java.util.TreeMap<>(terms(3, "minute", List.of(GATEWAY), 5));
            expired.put("expiresAt", 5L);
            assertOfferRefused(expired, "invalid-offer", "'offer.expiresAt' 5 is not after");
            assertOfferRefused(object("unit", "minute", "gateways", List.of(SharingWorld.hex(GATEWAY)),
                    "maxUnitsPerSession", 5), "malformed-payload", "field 'offer.price' is required");
            assertOfferRefused(object("price", 3, "colour", "red"), "malformed-payload", "'offer.colour'");
            expectRefused(run(world.tx(OWNER, "registry/" + DEVICE, "offer-sharing", "[1]")), "malformed-payload",
                    "expected the offer as a JSON object");
        }

        void assertOfferRefused(Object terms, String code, String reason) {
            expectRefused(internal(world.block(world.offerTx(OWNER, DEVICE, terms)), SHARING, "offer"), code,
                    reason);
            assertNull(world.sharing(DEVICE).offer());
        }

        @Test
        void the_owner_withdraws_the_offer_and_open_sessions_go_on() {
            offered();
            opened("s-1", 5);
            expectOk(internal(world.block(world.withdrawTx(OWNER, DEVICE)), SHARING, "withdraw"), "withdrawn");
            assertNull(world.sharing(DEVICE).offer());
            expectOk(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 1)), "metered");
            assertEquals(PRICE, world.balance(OWNER));
            expectRefused(internal(world.block(world.withdrawTx(OWNER, DEVICE)), SHARING, "withdraw"), "no-offer");
            expectRefused(run(world.withdrawTx(STRANGER, DEVICE)), "not-authorised");
        }
    }

    @Nested
    class Opening {
        @Test
        void an_escrow_that_fits_the_offer_opens_a_session_with_the_offers_terms() {
            offered();
            opened("s-1", 10);
            Session session = world.sharing(DEVICE).session("s-1");
            assertEquals(account(CONSUMER), session.consumer());
            assertEquals(account(OWNER), session.payee());
            assertEquals(10, session.unitsBudget());
            assertEquals(30, session.funded());
            assertEquals(SessionStatus.OPEN, session.status());
            assertEquals(session.openedAt() + SharingContract.DEFAULT_SERVICE_START_MILLIS, session.serviceBy());
            Escrow escrow = world.escrow("s-1");
            assertEquals(SHARING, escrow.controller());
            assertEquals(List.of(account(OWNER)), escrow.payees());
        }

        @Test
        void an_escrow_that_does_not_fit_is_declined_and_refunded_at_once() {
            offered();
            long expires = world.nextBlockTime() + HOUR;
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-1", account(STRANGER), 30, expires, memo(1, 3, 10)),
                    "payees must be exactly the owner's account");
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-2", null, 30, expires, memo(1, 3, 10)),
                    "not any account");
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-3", account(OWNER), 30, expires, memo(1, 2, 15)),
                    "memo accepts offer 1 at price 2, but the standing offer is 1 at price 3");
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-4", account(OWNER), 30, expires, memo(0, 3, 10)),
                    "memo accepts offer 0");
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-5", account(OWNER), 63, expires, memo(1, 3, 21)),
                    "memo.units 21 must be 1 to 20");
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-6", account(OWNER), 31, expires, memo(1, 3, 10)),
                    "amount 31 must be units x price = 10 x 3 = 30");
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-7", account(OWNER), 30, expires, object("offer", 1)),
                    "memo must name offer, price and units");
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-8", account(OWNER), 30, expires,
                    object("offer", 1, "price", 3, "units", 10, "tip", 2)), "field 'tip'");
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-9", account(OWNER), 30, world.nextBlockTime() + 1_000,
                    memo(1, 3, 10)), "before service is due to start");
            expectOk(internal(world.block(world.withdrawTx(OWNER, DEVICE)), SHARING, "withdraw"));
            assertDeclined(world.openTx(CONSUMER, DEVICE, "d-10", account(OWNER), 30, expires, memo(1, 3, 10)),
                    "has no offer standing");
            assertEquals(100, world.balance(CONSUMER));
        }

        void assertDeclined(org.fogledger.ledger.chain.Transaction open, String reason) {
            BlockResults results = world.block(open);
            expectOk(results.forTransaction(0).result(), "escrow-opened");
            ContractResult declined = internal(results, SHARING, "escrow-opened");
            expectOk(declined, "session-declined");
            assertTrue(declined.text().contains(reason), declined::text);
            expectOk(internal(results, "tokens/_", "escrow-refund"), "escrow-refunded");
            assertEquals(100, world.balance(CONSUMER), "declined escrows go back whole");
            assertTrue(world.sharing(DEVICE).open().isEmpty());
        }

        @Test
        void an_escrow_opened_without_memo_tells_sharing_nothing_and_opens_no_session() {
            offered();
            BlockResults results = world.block(world.openTx(CONSUMER, DEVICE, "quiet", account(OWNER), 30,
                    world.nextBlockTime() + HOUR, null));
            assertEquals(1, results.records().size());
            assertNull(world.sharing(DEVICE).session("quiet"));
        }

        @Test
        void a_forged_notice_is_refused_unless_the_tokens_contract_sent_it() {
            offered();
            expectRefused(run(world.tx(CONSUMER, SHARING, "escrow-opened", object("id", "forged", "payer",
                    account(CONSUMER), "controller", SHARING, "payees", List.of(account(OWNER)), "amount", 30,
                    "expiresAt", world.nextBlockTime() + HOUR, "memo", memo(1, 3, 10)))), "not-authorised",
                    "only tokens/_ reports escrows");
            assertTrue(world.sharing(DEVICE).open().isEmpty());
        }
    }

    @Nested
    class Metering {
        @Test
        void a_report_pays_units_times_price_to_the_owner() {
            offered();
            opened("s-1", 10);
            BlockResults results = world.block(world.meterTx(GATEWAY, DEVICE, "s-1", 4, 1));
            expectOk(results.forTransaction(0).result(), "metered");
            assertTrue(results.forTransaction(0).result().text().contains("\"paid\":12"));
            assertEquals(12, world.balance(OWNER));
            assertEquals(18, world.escrow("s-1").remaining());
            assertEquals(1, world.sharing(DEVICE).session("s-1").lastReportSeq());
        }

        @Test
        void a_replayed_or_older_report_is_refused_and_pays_nothing() {
            offered();
            opened("s-1", 10);
            expectOk(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 5)));
            expectRefused(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 5)), "stale-report",
                    "field 'reportSeq' 5 is not after the last accepted report 5");
            expectRefused(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 4)), "stale-report");
            expectOk(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 7)));
            assertEquals(2 * PRICE, world.balance(OWNER));
        }

        @Test
        void a_report_from_a_key_that_is_not_a_gateway_of_the_session_is_refused() {
            offered();
            opened("s-1", 10);
            expectRefused(run(world.meterTx(STRANGER, DEVICE, "s-1", 1, 1)), "not-authorised",
                    "metered by its gateways");
            expectRefused(run(world.meterTx(OWNER, DEVICE, "s-1", 1, 1)), "not-authorised");
            expectRefused(run(world.meterTx(CONSUMER, DEVICE, "s-1", 1, 1)), "not-authorised");
            assertEquals(0, world.balance(OWNER));
        }

        @Test
        void gateways_are_the_ones_of_the_offer_the_session_opened_under() {
            offered();
            opened("s-1", 10);
            expectOk(internal(world.block(world.offerTx(OWNER, DEVICE, terms(PRICE, "minute", List.of(STRANGER),
                    20))), SHARING, "offer"));
            expectRefused(run(world.meterTx(STRANGER, DEVICE, "s-1", 1, 1)), "not-authorised");
            expectOk(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 1)));
        }

        @Test
        void usage_past_the_budget_is_recorded_as_overrun_and_never_paid() {
            offered();
            opened("s-1", 5);
            expectOk(run(world.meterTx(GATEWAY, DEVICE, "s-1", 3, 1)));
            BlockResults over = world.block(world.meterTx(GATEWAY, DEVICE, "s-1", 4, 2));
            expectOk(over.forTransaction(0).result(), "metered");
            assertTrue(over.forTransaction(0).result().text().contains("\"unitsOverrun\":2"));
            BlockResults beyond = world.block(world.meterTx(GATEWAY, DEVICE, "s-1", 7, 3));
            assertEquals(1, beyond.records().size(), "nothing left to pay: no escrow-pay is sent");
            Session session = world.sharing(DEVICE).session("s-1");
            assertEquals(5, session.unitsPaid());
            assertEquals(9, session.unitsOverrun());
            assertEquals(15, session.paid());
            assertEquals(15, world.balance(OWNER));
            assertEquals(0, world.escrow("s-1").remaining());
        }

        @Test
        void a_report_after_the_session_expired_is_refused() {
            offered();
            opened("s-1", 5);
            world.advance(HOUR);
            expectRefused(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 1)), "session-expired", "expired at");
        }

        @Test
        void malformed_and_unknown_reports_are_refused_naming_the_field() {
            offered();
            opened("s-1", 5);
            expectRefused(run(world.meterTx(GATEWAY, DEVICE, "s-1", 0, 1)), "invalid-amount",
                    "field 'units' must be 1 to");
            expectRefused(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 0)), "invalid-amount", "'reportSeq'");
            expectRefused(run(world.tx(GATEWAY, SHARING, "meter", object("sessionId", "s-1", "units", 1))),
                    "malformed-payload", "field 'reportSeq' is required");
            expectRefused(run(world.tx(GATEWAY, SHARING, "meter", "{\"sessionId\":\"s-1\",\"units\":1.5,"
                    + "\"reportSeq\":1}")), "malformed-payload", "units");
            expectRefused(run(world.meterTx(GATEWAY, DEVICE, "nope", 1, 1)), "unknown-session",
                    "device wm-7 has no session 'nope'");
            expectRefused(run(world.meterTx(GATEWAY, DEVICE, "bad id", 1, 1)), "invalid-session-id");
            expectRefused(run(world.tx(GATEWAY, SHARING, "bill", object())), "unknown-command",
                    "offer, withdraw, escrow-opened, meter, service-failed, close-session");
        }
    }

    @Nested
    class Ending {
        @Test
        void the_consumer_closes_and_gets_back_what_was_not_used() {
            offered();
            opened("s-1", 10);
            expectOk(run(world.meterTx(GATEWAY, DEVICE, "s-1", 2, 1)));
            expectOk(run(world.closeTx(CONSUMER, DEVICE, "s-1")), "session-ended");
            assertEquals(6, world.balance(OWNER));
            assertEquals(94, world.balance(CONSUMER));
            assertEquals(SessionStatus.CLOSED, world.sharing(DEVICE).session("s-1").status());
            expectRefused(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 2)), "session-ended", "ended (closed)");
            expectRefused(run(world.closeTx(CONSUMER, DEVICE, "s-1")), "session-ended");
        }

        @Test
        void only_the_consumer_closes() {
            offered();
            opened("s-1", 10);
            expectRefused(run(world.closeTx(STRANGER, DEVICE, "s-1")), "not-authorised",
                    "only the consumer of session 's-1'");
            expectRefused(run(world.closeTx(GATEWAY, DEVICE, "s-1")), "not-authorised");
        }

        @Test
        void after_expiry_the_consumer_reclaims_what_is_left() {
            offered();
            opened("s-1", 10);
            expectOk(run(world.meterTx(GATEWAY, DEVICE, "s-1", 1, 1)));
            world.advance(HOUR);
            expectOk(run(world.closeTx(CONSUMER, DEVICE, "s-1")), "session-ended");
            assertEquals(SessionStatus.EXPIRED, world.sharing(DEVICE).session("s-1").status());
            assertEquals(97, world.balance(CONSUMER));
        }

        @Test
        void a_consumer_who_took_the_escrow_back_directly_after_expiry_loses_nothing_by_closing() {
            offered();
            opened("s-1", 10);
            world.advance(HOUR);
            expectOk(run(world.tx(CONSUMER, "tokens", "escrow-refund", object("id", "s-1"))), "escrow-refunded");
            BlockResults closed = world.block(world.closeTx(CONSUMER, DEVICE, "s-1"));
            expectOk(closed.forTransaction(0).result(), "session-ended");
            expectRefused(internal(closed, "tokens/_", "escrow-refund"), "escrow-closed");
            assertEquals(100, world.balance(CONSUMER));
            assertEquals(100, world.tokens().supply());
        }

        @Test
        void a_gateway_declares_the_service_failed_at_any_time() {
            offered();
            opened("s-1", 10);
            expectOk(run(world.tx(GATEWAY, SHARING, "service-failed", object("sessionId", "s-1", "note",
                    "drum motor stalled"))), "session-ended");
            Session session = world.sharing(DEVICE).session("s-1");
            assertEquals(SessionStatus.FAILED, session.status());
            assertEquals("drum motor stalled", session.note());
            assertEquals(100, world.balance(CONSUMER));
        }

        @Test
        void the_consumer_declares_the_service_failed_only_once_it_is_overdue_and_nothing_was_metered() {
            offered();
            opened("s-1", 10);
            expectRefused(run(world.failTx(CONSUMER, DEVICE, "s-1")), "service-not-overdue", "is due by");
            world.advance(SharingContract.DEFAULT_SERVICE_START_MILLIS);
            expectOk(run(world.failTx(CONSUMER, DEVICE, "s-1")), "session-ended");
            assertEquals(100, world.balance(CONSUMER));

            opened("s-2", 10);
            expectOk(run(world.meterTx(GATEWAY, DEVICE, "s-2", 1, 1)));
            world.advance(SharingContract.DEFAULT_SERVICE_START_MILLIS);
            expectRefused(run(world.failTx(CONSUMER, DEVICE, "s-2")), "service-started", "close-session");
            expectRefused(run(world.failTx(STRANGER, DEVICE, "s-2")), "not-authorised");
            expectRefused(run(world.tx(GATEWAY, SHARING, "service-failed", object("sessionId", "s-2", "note",
                    "bad\nnote"))), "malformed-payload", "field 'note'");
        }
    }

    @Nested
    class Queries {
        @Test
        void offer_session_sessions_and_state() {
            offered();
            opened("s-1", 10);
            Offer offer = ContractJson.readTrusted(world.query(DEVICE, "offer", null), Offer.class);
            assertEquals(PRICE, offer.price());
            Session session = ContractJson.readTrusted(world.query(DEVICE, "session", object("id", "s-1")),
                    Session.class);
            assertEquals(10, session.unitsBudget());
            String sessions = new String(world.query(DEVICE, "sessions", null), StandardCharsets.UTF_8);
            assertTrue(sessions.contains("\"open\":[{") && sessions.contains("\"totals\""), sessions);
            assertEquals(world.sharing(DEVICE), ContractJson.readTrusted(world.query(DEVICE, "state", null),
                    SharingState.class));
        }

        @Test
        void unknown_things_are_refused_by_name() {
            world.installed(DEVICE, OWNER);
            assertEquals("no-offer", assertThrows(ContractRefusal.class,
                    () -> world.query(DEVICE, "offer", null)).code());
            assertEquals("unknown-session", assertThrows(ContractRefusal.class,
                    () -> world.query(DEVICE, "session", object("id", "s-9"))).code());
            assertEquals("unknown-query", assertThrows(ContractRefusal.class,
                    () -> world.query(DEVICE, "balance", null)).code());
        }
    }
}
