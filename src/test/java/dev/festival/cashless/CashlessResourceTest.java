package dev.festival.cashless;

import static dev.festival.cashless.CashlessFixtures.fund;
import static dev.festival.cashless.CashlessFixtures.scene;
import static dev.festival.cashless.CashlessFixtures.wallet;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.festival.cashless.CashlessFixtures.Scene;
import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CashlessResourceTest {

    private static Map<String, Object> pay(String amount, UUID festivalId, UUID accountId) {
        return Map.of("amount", new BigDecimal(amount), "festivalId", festivalId, "accountId", accountId);
    }

    private static Map<String, Object> cashTopup(String amount, UUID festivalId, UUID accountId) {
        return Map.of("amount", new BigDecimal(amount), "festivalId", festivalId, "paymentMethod", "CASH",
                "accountId", accountId);
    }

    @Test
    void accountIsCreatedOnceAndAnsweredOnBothPaths() {
        Account user = Fixtures.user();
        String id = user.request().post("/api/cashless/account").then().statusCode(201)
                .body("userId", equalTo(user.id().toString()))
                .body("balance", equalTo(0))
                .body("currency", equalTo("EUR"))
                .body("nfcTagId", nullValue())
                .body("isActive", is(true))
                .body("createdAt", notNullValue())
                .extract().path("id");
        user.request().post("/api/cashless/account").then().statusCode(200).body("id", equalTo(id));
        user.request().get("/api/cashless/account").then().statusCode(200).body("id", equalTo(id));
        user.request().get("/api/wallet/account").then().statusCode(200).body("id", equalTo(id));
        user.request().get("/api/wallet/balance").then().statusCode(200)
                .body("balance", equalTo(0)).body("available", equalTo(0)).body("pending", equalTo(0))
                .body("currency", equalTo("EUR"));
    }

    @Test
    void walletEndpointsNeedAToken() {
        given().get("/api/cashless/account").then().statusCode(401).body("errorCode", equalTo("ERR_2002"));
        given().contentType("application/json").body("{}").post("/api/wallet/pay").then().statusCode(401);
    }

    @Test
    void cashierTopsUpAndChargesWithExactDecimals() {
        Scene s = scene();
        Account attendee = Fixtures.user();
        UUID acc = wallet(attendee);
        JsonPath top = s.cashier().request().body(cashTopup("20", s.festivalId(), acc))
                .post("/api/cashless/topup").then().statusCode(201)
                .body("type", equalTo("TOPUP"))
                .body("amount", equalTo(20))
                .body("balanceBefore", equalTo(0))
                .body("balanceAfter", equalTo(20))
                .body("balance", equalTo(20))
                .body("cashierId", equalTo(s.cashier().id().toString()))
                .body("festivalId", equalTo(s.festivalId().toString()))
                .body("metadata.method", equalTo("CASH"))
                .extract().jsonPath();
        assertEquals(top.getString("id"), top.getString("transaction.id"));

        s.cashier().request().body(Map.of("amount", 3.5, "festivalId", s.festivalId(), "accountId", acc,
                        "description", "2 beers", "vendorId", UUID.randomUUID()))
                .post("/api/cashless/pay").then().statusCode(201)
                .body("type", equalTo("PAYMENT"))
                .body("amount", equalTo(3.5f))
                .body("balanceBefore", equalTo(20))
                .body("balanceAfter", equalTo(16.5f))
                .body("balance", equalTo(16.5f))
                .body("description", equalTo("2 beers"))
                .body("accountId", equalTo(acc.toString()))
                .body("performedById", equalTo(s.cashier().id().toString()))
                .body("transaction.type", equalTo("PAYMENT"))
                .body("createdAt", notNullValue());

        attendee.request().get("/api/cashless/balance").then().body("balance", equalTo(16.5f));
        attendee.request().get("/api/wallet/transactions").then().statusCode(200)
                .body("data.size()", equalTo(2))
                .body("transactions.size()", equalTo(2))
                .body("meta.total", equalTo(2))
                .body("data[0].type", equalTo("PAYMENT"));
        attendee.request().get("/api/cashless/transactions?type=topup").then().statusCode(200)
                .body("meta.total", equalTo(1)).body("data[0].type", equalTo("TOPUP"));
        attendee.request().get("/api/cashless/transactions?type=nope").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4003"));
    }

    @Test
    void cashierOfOneFestivalCannotChargeOnAnother() {
        Scene a = scene();
        Scene b = scene();
        Account attendee = Fixtures.user();
        UUID acc = wallet(attendee);
        fund(b, acc, "10");
        a.cashier().request().body(pay("1", b.festivalId(), acc)).post("/api/cashless/pay").then()
                .statusCode(403).body("errorCode", equalTo("ERR_3002"));
        a.cashier().request().body(cashTopup("10", b.festivalId(), acc)).post("/api/cashless/topup").then()
                .statusCode(403);
        attendee.request().get("/api/cashless/balance").then().body("balance", equalTo(10));
    }

    @Test
    void plainUserCannotTopUpAtACashDeskNorChargeAnotherWallet() {
        Scene s = scene();
        Account user = Fixtures.user();
        Account other = Fixtures.user();
        UUID otherAcc = wallet(other);
        fund(s, otherAcc, "10");
        user.request().body(cashTopup("10", s.festivalId(), wallet(user))).post("/api/cashless/topup").then()
                .statusCode(403).body("errorCode", equalTo("ERR_3002"));
        user.request().body(pay("1", s.festivalId(), otherAcc)).post("/api/cashless/pay").then()
                .statusCode(403);
        Account staff = Fixtures.user();
        Fixtures.member(s.festivalId(), staff, Role.STAFF);
        staff.request().body(pay("1", s.festivalId(), otherAcc)).post("/api/cashless/pay").then()
                .statusCode(403).body("errorCode", equalTo("ERR_3001"));
        other.request().get("/api/cashless/balance").then().body("balance", equalTo(10));
    }

    @Test
    void insufficientFundsIs400WithBalanceAndAmount() {
        Scene s = scene();
        UUID acc = wallet(Fixtures.user());
        fund(s, acc, "5");
        s.cashier().request().body(pay("7.5", s.festivalId(), acc)).post("/api/cashless/pay").then()
                .statusCode(400).body("errorCode", equalTo("ERR_5003"))
                .body("details.balance", equalTo(5)).body("details.amount", equalTo(7.5f));
    }

    @Test
    void amountIsCheckedBeforeAnythingElse() {
        Scene s = scene();
        Account stranger = Fixtures.user();
        UUID acc = wallet(Fixtures.user());
        // a stranger with a bad amount learns about the amount (400), not about permissions (403)
        stranger.request().body(pay("0", s.festivalId(), acc)).post("/api/cashless/pay").then()
                .statusCode(400).body("errorCode", equalTo("ERR_4001"));
        stranger.request().body(pay("-1", UUID.randomUUID(), acc)).post("/api/cashless/pay").then()
                .statusCode(400);
        s.cashier().request().body(pay("1.234", s.festivalId(), acc)).post("/api/cashless/pay").then()
                .statusCode(400).body("details.fields[0].field", equalTo("amount"));
        s.cashier().request().body(Map.of("festivalId", s.festivalId(), "accountId", acc))
                .post("/api/cashless/pay").then().statusCode(400);
        s.cashier().request().body("{\"amount\": \"abc\", \"festivalId\": \"" + s.festivalId() + "\"}")
                .post("/api/cashless/pay").then().statusCode(400);
        s.cashier().request().body(Map.of("amount", 1, "festivalId", s.festivalId(), "accountId", acc,
                "currency", "usd")).post("/api/cashless/pay").then().statusCode(400)
                .body("details.fields[0].field", equalTo("currency"));
        s.cashier().request().body(Map.of("amount", 1, "festivalId", s.festivalId(), "accountId", acc,
                "currency", "eur")).post("/api/cashless/pay").then().statusCode(400)
                .body("errorCode", equalTo("ERR_5003"));
    }

    @Test
    void unknownFestivalOrWalletIs404() {
        Scene s = scene();
        s.cashier().request().body(pay("1", UUID.randomUUID(), UUID.randomUUID())).post("/api/cashless/pay").then()
                .statusCode(404).body("errorCode", equalTo("ERR_5001"));
        s.cashier().request().body(pay("1", s.festivalId(), UUID.randomUUID())).post("/api/cashless/pay").then()
                .statusCode(404).body("errorCode", equalTo("ERR_5001"));
    }

    @Test
    void deactivatedWalletRefusesDebitsUntilReactivated() {
        Scene s = scene();
        Account attendee = Fixtures.user();
        UUID acc = wallet(attendee);
        fund(s, acc, "10");
        attendee.request().post("/api/cashless/deactivate").then().statusCode(200).body("isActive", is(false));
        s.cashier().request().body(pay("1", s.festivalId(), acc)).post("/api/cashless/pay").then()
                .statusCode(403).body("errorCode", equalTo("ERR_5010"));
        attendee.request().get("/api/cashless/balance").then().body("available", equalTo(0));
        attendee.request().post("/api/wallet/reactivate").then().statusCode(200).body("isActive", is(true));
        s.cashier().request().body(pay("1", s.festivalId(), acc)).post("/api/cashless/pay").then()
                .statusCode(201).body("balance", equalTo(9));
    }

    @Test
    void blockedTagRefusesChargesByTagAndTagsAreExclusive() {
        Scene s = scene();
        Account attendee = Fixtures.user();
        UUID acc = wallet(attendee);
        fund(s, acc, "10");
        String tag = "04:A2:" + UUID.randomUUID();
        attendee.request().body(Map.of("nfcTagId", tag)).post("/api/cashless/link-nfc").then().statusCode(200)
                .body("nfcTagId", equalTo(tag));
        Fixtures.user().request().body(Map.of("nfcTagId", tag)).post("/api/cashless/nfc/link").then()
                .statusCode(409).body("errorCode", equalTo("ERR_5002"));
        s.cashier().request().body(Map.of("amount", 1, "festivalId", s.festivalId(), "nfcTagId", tag))
                .post("/api/cashless/pay").then().statusCode(201).body("balance", equalTo(9));
        s.cashier().request().get("/api/cashless/nfc/" + tag).then().statusCode(200).body("id", equalTo(acc.toString()));
        attendee.request().get("/api/cashless/nfc/" + tag).then().statusCode(200);
        Fixtures.user().request().get("/api/cashless/nfc/" + tag).then().statusCode(403);

        s.cashier().request().body(Map.of("nfcTagId", tag)).post("/api/cashless/nfc/block").then().statusCode(200)
                .body("nfcBlocked", is(true));
        s.cashier().request().body(Map.of("amount", 1, "festivalId", s.festivalId(), "nfcTagId", tag))
                .post("/api/cashless/pay").then().statusCode(403).body("errorCode", equalTo("ERR_5010"));
        s.cashier().request().body(Map.of("nfcTagId", tag)).post("/api/cashless/nfc/unblock").then().statusCode(403);
        attendee.request().body(Map.of("nfcTagId", tag)).post("/api/cashless/nfc/unblock").then().statusCode(200)
                .body("nfcBlocked", is(false));
        s.cashier().request().body(Map.of("amount", 1, "festivalId", s.festivalId(), "nfcTagId", tag))
                .post("/api/cashless/pay").then().statusCode(201).body("balance", equalTo(8));
        attendee.request().post("/api/cashless/nfc/unlink").then().statusCode(200).body("nfcTagId", nullValue());
        s.cashier().request().get("/api/cashless/nfc/" + tag).then().statusCode(404);
    }

    @Test
    void topUpLimitsApplyPerFestival() {
        Scene s = scene();
        UUID acc = wallet(Fixtures.user());
        s.cashier().request().body(cashTopup("4.99", s.festivalId(), acc)).post("/api/cashless/topup").then()
                .statusCode(400).body("errorCode", equalTo("ERR_5011")).body("details.minTopup", equalTo(5));
        s.cashier().request().body(cashTopup("500.01", s.festivalId(), acc)).post("/api/cashless/topup").then()
                .statusCode(400).body("errorCode", equalTo("ERR_5011"));
        fund(s, acc, "500");
        fund(s, acc, "500");
        s.cashier().request().body(cashTopup("5", s.festivalId(), acc)).post("/api/cashless/topup").then()
                .statusCode(400).body("errorCode", equalTo("ERR_5011")).body("details.maxBalance", equalTo(1000));

        s.organizer().request().body(Map.of("minTopup", 1, "maxTopup", 20, "maxBalance", 2000))
                .put("/api/festivals/" + s.festivalId() + "/cashless/settings").then().statusCode(200)
                .body("minTopup", equalTo(1)).body("maxBalance", equalTo(2000));
        s.cashier().request().put("/api/festivals/" + s.festivalId() + "/cashless/settings").then().statusCode(403);
        s.cashier().request().body(cashTopup("2", s.festivalId(), acc)).post("/api/cashless/topup").then()
                .statusCode(201).body("balance", equalTo(1002));
        s.cashier().request().body(cashTopup("21", s.festivalId(), acc)).post("/api/cashless/topup").then()
                .statusCode(400).body("errorCode", equalTo("ERR_5011"));
    }

    @Test
    void retryWithTheSameKeyAnswersTheFirstResultAndChargesOnce() {
        Scene s = scene();
        Account attendee = Fixtures.user();
        UUID acc = wallet(attendee);
        fund(s, acc, "10");
        String key = UUID.randomUUID().toString();
        String first = s.cashier().request().header("Idempotency-Key", key).body(pay("4", s.festivalId(), acc))
                .post("/api/cashless/pay").then().statusCode(201).body("idempotencyKey", equalTo(key))
                .extract().asString();
        String again = s.cashier().request().header("Idempotency-Key", key).body(pay("4", s.festivalId(), acc))
                .post("/api/cashless/pay").then().statusCode(201).extract().asString();
        assertEquals(first, again);
        attendee.request().get("/api/cashless/balance").then().body("balance", equalTo(6));

        // the body field works as the header does
        String bodyKey = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("amount", 1, "festivalId", s.festivalId(), "accountId", acc,
                "idempotencyKey", bodyKey);
        String a = s.cashier().request().body(body).post("/api/wallet/pay").then().statusCode(201).extract().path("id");
        String b = s.cashier().request().body(body).post("/api/wallet/pay").then().statusCode(201).extract().path("id");
        assertEquals(a, b);
        attendee.request().get("/api/cashless/balance").then().body("balance", equalTo(5));

        // a retry after the wallet was emptied still answers the first (successful) result
        s.cashier().request().body(pay("5", s.festivalId(), acc)).post("/api/cashless/pay").then().statusCode(201);
        s.cashier().request().header("Idempotency-Key", key).body(pay("4", s.festivalId(), acc))
                .post("/api/cashless/pay").then().statusCode(201).body("balanceAfter", equalTo(6));

        // without a key there is no de-duplication
        fund(s, acc, "10");
        s.cashier().request().body(pay("1", s.festivalId(), acc)).post("/api/cashless/pay").then().statusCode(201);
        s.cashier().request().body(pay("1", s.festivalId(), acc)).post("/api/cashless/pay").then().statusCode(201);
        attendee.request().get("/api/cashless/balance").then().body("balance", equalTo(8));
    }

    @Test
    void sameKeyWithAnotherBodyIs409() {
        Scene s = scene();
        Account attendee = Fixtures.user();
        UUID acc = wallet(attendee);
        fund(s, acc, "10");
        String key = UUID.randomUUID().toString();
        s.cashier().request().header("Idempotency-Key", key).body(pay("2", s.festivalId(), acc))
                .post("/api/cashless/pay").then().statusCode(201);
        s.cashier().request().header("Idempotency-Key", key).body(pay("3", s.festivalId(), acc))
                .post("/api/cashless/pay").then().statusCode(409).body("errorCode", equalTo("ERR_5007"));
        String topKey = UUID.randomUUID().toString();
        s.cashier().request().header("Idempotency-Key", topKey).body(cashTopup("10", s.festivalId(), acc))
                .post("/api/cashless/topup").then().statusCode(201);
        s.cashier().request().header("Idempotency-Key", topKey).body(cashTopup("10", s.festivalId(), acc))
                .post("/api/cashless/topup").then().statusCode(201);
        s.cashier().request().header("Idempotency-Key", topKey).body(cashTopup("11", s.festivalId(), acc))
                .post("/api/cashless/topup").then().statusCode(409).body("errorCode", equalTo("ERR_5007"));
        attendee.request().get("/api/cashless/balance").then().body("balance", equalTo(18));
    }

    @Test
    void aPaymentIsRefundedOnceAndPartialRefundsAreBounded() {
        Scene s = scene();
        Account attendee = Fixtures.user();
        UUID acc = wallet(attendee);
        fund(s, acc, "20");
        String full = s.cashier().request().body(pay("5", s.festivalId(), acc)).post("/api/cashless/pay").then()
                .statusCode(201).extract().path("id");
        s.cashier().request().body(Map.of("transactionId", full, "reason", "wrong order"))
                .post("/api/cashless/refund").then().statusCode(201)
                .body("type", equalTo("REFUND")).body("amount", equalTo(5)).body("balance", equalTo(20));
        s.cashier().request().body(Map.of("transactionId", full)).post("/api/cashless/refund").then()
                .statusCode(409).body("errorCode", equalTo("ERR_5009"));

        String partial = s.cashier().request().body(pay("5", s.festivalId(), acc)).post("/api/cashless/pay").then()
                .statusCode(201).extract().path("id");
        s.cashier().request().body(Map.of("amount", 3)).post("/api/cashless/transactions/" + partial + "/refund")
                .then().statusCode(201).body("amount", equalTo(3)).body("balance", equalTo(18));
        s.cashier().request().body(Map.of("amount", 2.01)).post("/api/wallet/transactions/" + partial + "/refund")
                .then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
        s.cashier().request().body(Map.of("transactionId", partial)).post("/api/cashless/refund").then()
                .statusCode(201).body("amount", equalTo(2)).body("balance", equalTo(20));
        s.cashier().request().body(Map.of("transactionId", partial, "amount", 0.01)).post("/api/cashless/refund")
                .then().statusCode(409);

        s.cashier().request().body(Map.of("transactionId", UUID.randomUUID())).post("/api/cashless/refund").then()
                .statusCode(404).body("errorCode", equalTo("ERR_5001"));
        s.cashier().request().body("{}").post("/api/cashless/transactions/not-a-uuid/refund").then()
                .statusCode(404).body("errorCode", equalTo("ERR_5001"));
        Fixtures.user().request().body(Map.of("transactionId", partial)).post("/api/cashless/refund").then()
                .statusCode(403);
        attendee.request().get("/api/cashless/balance").then().body("balance", equalTo(20));
    }

    @Test
    void ownerPaysFromOwnWalletWithoutIdentifierOrWithAQrToken() {
        Scene s = scene();
        Account attendee = Fixtures.user();
        UUID acc = wallet(attendee);
        fund(s, acc, "10");
        attendee.request().body(Map.of("amount", 2, "festivalId", s.festivalId())).post("/api/cashless/pay").then()
                .statusCode(201).body("balance", equalTo(8)).body("cashierId", nullValue());
        String qr = attendee.request().post("/api/cashless/qr-token").then().statusCode(201)
                .body("expiresAt", notNullValue()).extract().path("qrToken");
        s.cashier().request().body(Map.of("amount", 1.25, "festivalId", s.festivalId(), "qrToken", qr))
                .post("/api/cashless/pay").then().statusCode(201).body("balance", equalTo(6.75f));
        s.cashier().request().body(Map.of("amount", 1, "festivalId", s.festivalId(), "qrToken", "forged"))
                .post("/api/cashless/pay").then().statusCode(404);
        Fixtures.user().request().body(Map.of("amount", 1, "festivalId", s.festivalId()))
                .post("/api/cashless/pay").then().statusCode(404);
    }

    @Test
    void onlineCardTopUpGoesThroughThePaymentProvider() {
        Account attendee = Fixtures.user();
        attendee.request().body(Map.of("amount", 20)).post("/api/cashless/topup").then()
                .statusCode(anyOf(equalTo(201), equalTo(503)))
                .body("$", anyOf(hasKey("payment"), hasKey("errorCode")));
        attendee.request().body(Map.of("amount", 2)).post("/api/cashless/topup").then()
                .statusCode(400).body("errorCode", equalTo("ERR_5011"));
        attendee.request().get("/api/cashless/balance").then().body("balance", equalTo(0));
    }

    @Test
    void organiserReconcilesTheFestivalLedger() {
        Scene s = scene();
        UUID acc = wallet(Fixtures.user());
        fund(s, acc, "30");
        String p = s.cashier().request().body(pay("12.5", s.festivalId(), acc)).post("/api/cashless/pay").then()
                .statusCode(201).extract().path("id");
        s.cashier().request().body(Map.of("transactionId", p, "amount", 2.5)).post("/api/cashless/refund").then()
                .statusCode(201);
        s.organizer().request().get("/api/festivals/" + s.festivalId() + "/cashless/reconciliation").then()
                .statusCode(200)
                .body("topups", equalTo(30)).body("payments", equalTo(12.5f)).body("refunds", equalTo(2.5f))
                .body("net", equalTo(20)).body("transactionCount", equalTo(3))
                .body("ledgerMatchesBalances", is(true));
        s.cashier().request().get("/api/festivals/" + s.festivalId() + "/cashless/reconciliation").then()
                .statusCode(403);
        s.organizer().request().get("/api/cashless/transactions?scope=festival&festivalId=" + s.festivalId())
                .then().statusCode(200).body("meta.total", equalTo(3));
        s.cashier().request().get("/api/cashless/transactions?scope=festival&festivalId=" + s.festivalId())
                .then().statusCode(403);
    }

    @Test
    void balanceRefundRequestIsRecordedOnce() {
        Scene s = scene();
        Account attendee = Fixtures.user();
        UUID acc = wallet(attendee);
        fund(s, acc, "12");
        attendee.request().body(Map.of("festivalId", s.festivalId(), "iban", "FR76 3000 6000 0112 3456 7890 189"))
                .post("/api/cashless/refund-request").then().statusCode(201)
                .body("amount", equalTo(12)).body("status", equalTo("PENDING")).body("iban", equalTo("****0189"));
        attendee.request().body("{}").post("/api/cashless/refund-request").then().statusCode(409);
    }

    @Test
    void openApiListsBothPathFamilies() {
        String doc = given().get("/api/docs-json").then().statusCode(200).extract().asString();
        for (String path : new String[] {"/api/cashless/pay", "/api/wallet/pay", "/api/wallet/account",
                "/api/cashless/transactions/{id}/refund", "/api/festivals/{id}/cashless/reconciliation"}) {
            assertNotEquals(-1, doc.indexOf(path), path + " missing from OpenAPI");
        }
    }
}
