package dev.festival.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.festival.payments.PaymentTestSupport.completed;
import static dev.festival.payments.PaymentTestSupport.intent;
import static dev.festival.payments.PaymentTestSupport.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.festival.common.security.Role;
import dev.festival.payments.PaymentTestSupport.Created;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StripeMock.class, scope = TestResourceScope.GLOBAL)
class PaymentAccessTest {

    @Test
    void usersListOnlyTheirOwnPaymentsAndAdminAnyones() {
        Account user = Fixtures.user();
        Account other = Fixtures.user();
        Created mine = intent(user, null, "5", "OTHER");
        intent(user, null, "6", "OTHER");
        user.request().get("/api/payments/me").then().statusCode(200).body("$", hasSize(2))
                .body("id", hasItem(mine.paymentId().toString()));
        user.request().get("/api/payments/user/" + user.id() + "?limit=1&offset=1").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(mine.paymentId().toString()));
        user.request().get("/api/payments/user/" + other.id()).then().statusCode(403);
        Fixtures.admin().request().get("/api/payments/user/" + user.id()).then().statusCode(200).body("$", hasSize(2));
        user.request().get("/api/payments/user/" + user.id() + "?limit=0").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4003"));
    }

    @Test
    void nonUuidIdsUnderPaymentsAre400() {
        Account user = Fixtures.user();
        user.request().get("/api/payments/not-a-uuid").then().statusCode(400).body("errorCode", equalTo("ERR_4004"));
        user.request().get("/api/payments/user/42").then().statusCode(400).body("errorCode", equalTo("ERR_4004"));
        user.request().post("/api/payments/xyz/cancel").then().statusCode(400).body("errorCode", equalTo("ERR_4004"));
        user.request().get("/api/payments/" + UUID.randomUUID()).then().statusCode(404)
                .body("errorCode", equalTo("ERR_5001"));
    }

    @Test
    void anonymousCallersAre401() {
        given().get("/api/payments/me").then().statusCode(401);
        given().contentType("application/json").body(Map.of("amount", 5)).post("/api/payments/intent")
                .then().statusCode(401);
    }

    @Test
    void aPaymentIsVisibleToItsPayerAdminAndTheFestivalsOrganisersOnly() {
        Account payer = Fixtures.user();
        Account owner = Fixtures.organizer();
        UUID festival = Fixtures.festival(owner);
        Account coOrganizer = Fixtures.organizer();
        Fixtures.member(festival, coOrganizer, Role.ORGANIZER);
        Account cashier = Fixtures.account(Role.CASHIER);
        Fixtures.member(festival, cashier, Role.CASHIER);
        Created c = intent(payer, festival, "15", "TICKET");
        String path = "/api/payments/" + c.paymentId();
        payer.request().get(path).then().statusCode(200).body("festivalId", equalTo(festival.toString()));
        owner.request().get(path).then().statusCode(200);
        coOrganizer.request().get(path).then().statusCode(200);
        Fixtures.admin().request().get(path).then().statusCode(200);
        cashier.request().get(path).then().statusCode(403);
        Fixtures.user().request().get(path).then().statusCode(403);
        Fixtures.organizer().request().get(path).then().statusCode(403);
    }

    @Test
    void organisersListTheirFestivalsPaymentsPaginated() {
        Account owner = Fixtures.organizer();
        UUID festival = Fixtures.festival(owner);
        Account payer = Fixtures.user();
        completed(payer, festival, "10");
        intent(payer, festival, "11", "OTHER");
        intent(payer, festival, "12", "OTHER");
        owner.request().get("/api/festivals/" + festival + "/payments?limit=2").then().statusCode(200)
                .body("data", hasSize(2)).body("meta.total", equalTo(3)).body("meta.totalPages", equalTo(2))
                .body("meta.hasNextPage", equalTo(true));
        owner.request().get("/api/festivals/" + festival + "/payments?status=completed").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].status", equalTo("COMPLETED")).body("data[0].amount", equalTo(10));
        owner.request().get("/api/festivals/" + festival + "/payments?status=bogus").then().statusCode(400);
        Fixtures.organizer().request().get("/api/festivals/" + festival + "/payments").then().statusCode(403);
        payer.request().get("/api/festivals/" + festival + "/payments").then().statusCode(403);
        Fixtures.admin().request().get("/api/festivals/" + festival + "/payments").then().statusCode(200)
                .body("meta.total", equalTo(3));
        owner.request().get("/api/festivals/nope/payments").then().statusCode(404);
    }

    @Test
    void aPendingPaymentCanBeCancelledOnceAndACompletedOneNot() {
        Account payer = Fixtures.user();
        Created c = intent(payer, null, "5", "OTHER");
        payer.request().post("/api/payments/" + c.paymentId() + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        StripeMock.server().verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents/" + c.paymentIntentId() + "/cancel")));
        assertEquals(1, RecordingEffect.FAILED.get(c.paymentId()).get());
        payer.request().post("/api/payments/" + c.paymentId() + "/cancel").then().statusCode(409)
                .body("errorCode", equalTo("ERR_5009"));

        Created done = completed(payer, null, "5");
        payer.request().post("/api/payments/" + done.paymentId() + "/cancel").then().statusCode(409)
                .body("errorCode", equalTo("ERR_5009"));
        Fixtures.user().request().post("/api/payments/" + intent(payer, null, "1", "OTHER").paymentId() + "/cancel")
                .then().statusCode(403);
    }

    @Test
    void checkoutCreatesASessionWithCentAmountsAndValidatesItsLines() {
        Account user = Fixtures.user();
        UUID festival = Fixtures.festival(Fixtures.organizer(), "CHF");
        Response r = user.request().body(Map.of("festivalId", festival.toString(), "mode", "payment",
                        "lineItems", List.of(Map.of("name", "Weekend pass", "unitAmount", 12000, "quantity", 2)),
                        "successUrl", "https://app.test/ok", "cancelUrl", "https://app.test/ko",
                        "expiresAfterMinutes", 60))
                .post("/api/payments/checkout");
        r.then().statusCode(201).body("sessionId", startsWith("cs_test_"))
                .body("checkoutUrl", startsWith("https://checkout.stripe.com/")).body("expiresAt", not(equalTo(null)));
        StripeMock.server().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("unit_amount%5D=12000")
                        .or(com.github.tomakehurst.wiremock.client.WireMock.containing("unit_amount]=12000")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("chf")));
        user.request().get("/api/payments/" + r.path("paymentId")).then().body("amount", equalTo(240))
                .body("currency", equalTo("CHF")).body("checkoutSessionId", equalTo(r.path("sessionId")));
        user.request().get("/api/payments/checkout/" + r.path("sessionId")).then().statusCode(200)
                .body("status", equalTo("open")).body("paymentStatus", equalTo("unpaid"));
        Fixtures.user().request().get("/api/payments/checkout/" + r.path("sessionId")).then().statusCode(403);
        user.request().post("/api/payments/checkout/" + r.path("sessionId") + "/expire").then().statusCode(204);
        assertEquals("CANCELLED", status(UUID.fromString(r.path("paymentId"))));

        Map<String, Object> base = Map.of("successUrl", "https://app.test/ok", "cancelUrl", "https://app.test/ko");
        for (Map<String, Object> item : List.<Map<String, Object>>of(
                Map.of("name", "x", "unitAmount", 49, "quantity", 1),
                Map.of("name", "x", "unitAmount", 100, "quantity", 0),
                Map.of("name", "x", "unitAmount", 100, "quantity", 100),
                Map.of("name", "x", "unitAmount", 100.5, "quantity", 1),
                Map.of("unitAmount", 100, "quantity", 1))) {
            Map<String, Object> body = new java.util.HashMap<>(base);
            body.put("lineItems", List.of(item));
            user.request().body(body).post("/api/payments/checkout").then().statusCode(400)
                    .body("errorCode", equalTo("ERR_4001"));
        }
        user.request().body(Map.of("lineItems", List.of(Map.of("name", "x", "unitAmount", 100, "quantity", 1)),
                "successUrl", "https://app.test/ok", "cancelUrl", "https://app.test/ko", "userId",
                Fixtures.user().id().toString())).post("/api/payments/checkout").then().statusCode(403);
    }

    @Test
    void ticketAndCashlessTopupCheckoutsCarryTheirPurpose() {
        Account user = Fixtures.user();
        UUID festival = Fixtures.festival(Fixtures.organizer());
        Response t = user.request().body(Map.of("userId", user.id().toString(), "festivalId", festival.toString(),
                        "tickets", List.of(Map.of("categoryId", UUID.randomUUID().toString(), "name", "Day", "price", 49.9,
                                "quantity", 2)),
                        "successUrl", "https://app.test/ok", "cancelUrl", "https://app.test/ko"))
                .post("/api/payments/checkout/ticket");
        t.then().statusCode(201).body("sessionId", startsWith("cs_"));
        user.request().get("/api/payments/" + t.path("paymentId")).then().body("purpose", equalTo("TICKET"))
                .body("amount", equalTo(99.8f));
        Response c = user.request().body(Map.of("userId", user.id().toString(), "festivalId", festival.toString(),
                        "amount", 20, "successUrl", "https://app.test/ok", "cancelUrl", "https://app.test/ko"))
                .post("/api/payments/checkout/cashless-topup");
        c.then().statusCode(201).body("checkoutUrl", startsWith("https://"));
        user.request().get("/api/payments/" + c.path("paymentId")).then().body("purpose", equalTo("CASHLESS_TOPUP"))
                .body("amount", equalTo(20));
        user.request().body(Map.of("festivalId", festival.toString(), "amount", 0, "successUrl", "https://a.test/",
                "cancelUrl", "https://a.test/")).post("/api/payments/checkout/cashless-topup").then().statusCode(400);
    }

    @Test
    void openApiDocumentsThePaymentsEndpointsWithCentFieldsAsIntegers() {
        Response doc = given().get("/api/docs-json?format=json");
        doc.then().statusCode(200);
        String json = doc.asString();
        for (String path : List.of("/api/payments/intent", "/api/payments/create-intent", "/api/payments/checkout",
                "/api/payments/webhook", "/api/payments/refunds", "/api/payments/refunds/partial",
                "/api/payments/refunds/eligibility/{paymentId}", "/api/festivals/{festivalId}/payments")) {
            org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"" + path + "\""), path);
        }
        doc.then().body("components.schemas.RefundEligibility.properties.refundableAmount.type", equalTo("integer"))
                .body("components.schemas.LineItemRequest.properties.unitAmount.type", equalTo("integer"));
    }
}
