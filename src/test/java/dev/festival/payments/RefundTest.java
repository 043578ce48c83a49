package dev.festival.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.festival.payments.PaymentTestSupport.completed;
import static dev.festival.payments.PaymentTestSupport.intent;
import static dev.festival.payments.PaymentTestSupport.nowSeconds;
import static dev.festival.payments.PaymentTestSupport.status;
import static dev.festival.payments.PaymentTestSupport.webhook;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.festival.payments.PaymentTestSupport.Created;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StripeMock.class, scope = TestResourceScope.GLOBAL)
class RefundTest {

    private static Response refund(Account who, Map<String, Object> body) {
        return who.request().body(body).post("/api/payments/refunds");
    }

    @Test
    void adminRefundsAWholePaymentOnceAndASecondFullRefundIs409() {
        Account payer = Fixtures.user();
        Created c = completed(payer, null, "12.5");
        Account admin = Fixtures.admin();
        refund(admin, Map.of("paymentId", c.paymentId().toString(), "reason", "Event cancelled by organiser"))
                .then().statusCode(201)
                .body("amount", equalTo(1250))
                .body("status", equalTo("SUCCEEDED"))
                .body("reason", equalTo("event_cancelled"))
                .body("providerRefundId", startsWith("re_"));
        StripeMock.server().verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=" + c.paymentIntentId()))
                .withRequestBody(containing("amount=1250"))
                .withRequestBody(containing("reason=requested_by_customer")));
        payer.request().get("/api/payments/" + c.paymentId()).then().statusCode(200)
                .body("status", equalTo("REFUNDED")).body("refundedAt", notNullValue());
        assertEquals(1250L, RecordingEffect.REFUNDED_CENTS.get(c.paymentId()));

        refund(admin, Map.of("paymentId", c.paymentId().toString(), "reason", "duplicate"))
                .then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
        admin.request().post("/api/payments/" + c.paymentId() + "/refund").then().statusCode(409)
                .body("errorCode", equalTo("ERR_5009"));
    }

    @Test
    void partialRefundsAddUpAndNeverExceedWhatWasPaid() {
        Account payer = Fixtures.user();
        Account owner = Fixtures.organizer();
        UUID festival = Fixtures.festival(owner);
        Created c = completed(payer, festival, "12.5");
        owner.request().body(Map.of("paymentId", c.paymentId().toString(), "amount", 500, "reason", "quality issue"))
                .post("/api/payments/refunds/partial").then().statusCode(201)
                .body("amount", equalTo(500)).body("reason", equalTo("quality_issue"));
        payer.request().get("/api/payments/" + c.paymentId()).then().body("status", equalTo("PARTIALLY_REFUNDED"))
                .body("refundedAmount", equalTo(5));
        owner.request().get("/api/payments/refunds/eligibility/" + c.paymentId()).then().statusCode(200)
                .body("eligible", equalTo(true)).body("refundableAmount", equalTo(750));

        owner.request().body(Map.of("paymentId", c.paymentId().toString(), "amount", 800, "reason", "other"))
                .post("/api/payments/refunds/partial").then().statusCode(400)
                .body("errorCode", equalTo("ERR_5011")).body("details.refundableAmount", equalTo(750));
        owner.request().body(Map.of("paymentId", c.paymentId().toString(), "amount", 49, "reason", "other"))
                .post("/api/payments/refunds/partial").then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        owner.request().body(Map.of("paymentId", c.paymentId().toString(), "reason", "other"))
                .post("/api/payments/refunds/partial").then().statusCode(400).body("errorCode", equalTo("ERR_4001"));

        // Without an amount: the whole remainder.
        refund(owner, Map.of("paymentId", c.paymentId().toString(), "reason", "requested_by_customer"))
                .then().statusCode(201).body("amount", equalTo(750));
        assertEquals("REFUNDED", status(c.paymentId()));
        owner.request().get("/api/payments/refunds/history/" + c.paymentId()).then().statusCode(200)
                .body("$", hasSize(2)).body("amount", equalTo(List.of(500, 750)));
        owner.request().get("/api/payments/refunds/eligibility/" + c.paymentId()).then()
                .body("eligible", equalTo(false)).body("refundableAmount", equalTo(0));
        assertEquals(1250L, RecordingEffect.REFUNDED_CENTS.get(c.paymentId()));
    }

    @Test
    void concurrentFullRefundsRefundOnce() throws Exception {
        Created c = completed(Fixtures.user(), null, "20");
        Account admin = Fixtures.admin();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return refund(admin, Map.of("paymentId", c.paymentId().toString(), "reason", "duplicate")).statusCode();
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<Integer> f : results) {
            int s = f.get(30, TimeUnit.SECONDS);
            if (s == 201) {
                created++;
            } else {
                assertEquals(409, s);
            }
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(2000L, PaymentTestSupport.count("SELECT refunded_cents FROM payments WHERE id = $1",
                Tuple.of(c.paymentId())));
    }

    @Test
    void aRefundStripeRefusesIsReleased() {
        Created c = completed(Fixtures.user(), null, "10");
        StripeMock.server().stubFor(post(urlEqualTo("/v1/refunds")).atPriority(1)
                .withRequestBody(containing("payment_intent=" + c.paymentIntentId()))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"type\": \"api_error\"}}")));
        Account admin = Fixtures.admin();
        refund(admin, Map.of("paymentId", c.paymentId().toString(), "reason", "other")).then().statusCode(503)
                .body("errorCode", equalTo("ERR_6002"));
        assertEquals("COMPLETED", status(c.paymentId()));
        admin.request().get("/api/payments/refunds/eligibility/" + c.paymentId()).then()
                .body("eligible", equalTo(true)).body("refundableAmount", equalTo(1000));
        admin.request().get("/api/payments/refunds/history/" + c.paymentId()).then()
                .body("status", equalTo(List.of("FAILED")));
    }

    @Test
    void thePayerMayRefundWithinThePolicyButNotSomeoneElse() {
        Account payer = Fixtures.user();
        UUID festival = Fixtures.festival(Fixtures.organizer());
        Created c = completed(payer, festival, "30");
        Account stranger = Fixtures.user();
        stranger.request().get("/api/payments/refunds/eligibility/" + c.paymentId()).then().statusCode(403);
        refund(stranger, Map.of("paymentId", c.paymentId().toString(), "reason", "other")).then().statusCode(403);

        payer.request().get("/api/payments/refunds/eligibility/" + c.paymentId()).then().statusCode(200)
                .body("eligible", equalTo(true)).body("refundableAmount", equalTo(3000));
        String refundId = payer.request().body(Map.of("amount", 10.5, "reason", "can't come"))
                .post("/api/payments/" + c.paymentId() + "/refund").then().statusCode(201)
                .body("amount", equalTo(1050)).extract().path("id");
        payer.request().get("/api/payments/refunds/" + refundId).then().statusCode(200)
                .body("paymentId", equalTo(c.paymentId().toString()));
        stranger.request().get("/api/payments/refunds/" + refundId).then().statusCode(403);
    }

    @Test
    void thePayerCannotRefundAfterTheWindowOrOnceTheFestivalStarted() {
        Account payer = Fixtures.user();
        Account owner = Fixtures.organizer();
        UUID festival = Fixtures.festival(owner);
        Created late = completed(payer, festival, "30");
        Fixtures.sql("UPDATE payments SET paid_at = now() - interval '20 days' WHERE id = $1", Tuple.of(late.paymentId()));
        payer.request().get("/api/payments/refunds/eligibility/" + late.paymentId()).then()
                .body("eligible", equalTo(false)).body("reason", startsWith("The self-refund window"));
        refund(payer, Map.of("paymentId", late.paymentId().toString(), "reason", "other")).then().statusCode(403);
        // The organiser still may.
        owner.request().get("/api/payments/refunds/eligibility/" + late.paymentId()).then()
                .body("eligible", equalTo(true));

        Created started = completed(payer, festival, "30");
        Fixtures.sql("UPDATE festivals SET start_date = now() - interval '1 day' WHERE id = $1", Tuple.of(festival));
        payer.request().get("/api/payments/refunds/eligibility/" + started.paymentId()).then()
                .body("eligible", equalTo(false)).body("reason", equalTo("The festival has already started"));
    }

    @Test
    void onlyCompletedPaymentsAreRefundable() {
        Created pending = intent(Fixtures.user(), null, "5", "OTHER");
        Account admin = Fixtures.admin();
        refund(admin, Map.of("paymentId", pending.paymentId().toString(), "reason", "other")).then().statusCode(409)
                .body("errorCode", equalTo("ERR_5009"));
        admin.request().get("/api/payments/refunds/eligibility/" + pending.paymentId()).then()
                .body("eligible", equalTo(false));
        refund(admin, Map.of("paymentId", UUID.randomUUID().toString(), "reason", "other")).then().statusCode(404);
        refund(admin, Map.of("paymentId", "nope", "reason", "other")).then().statusCode(400);
        admin.request().get("/api/payments/refunds/eligibility/nope").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4004"));
        admin.request().get("/api/payments/refunds/nope").then().statusCode(400).body("errorCode", equalTo("ERR_4004"));
    }

    @Test
    void sameRefundIdempotencyKeyAnswersTheFirstRefund() {
        Created c = completed(Fixtures.user(), null, "10");
        Account admin = Fixtures.admin();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("paymentId", c.paymentId().toString(), "amount", 300, "reason", "other",
                "idempotencyKey", key);
        String first = refund(admin, body).then().statusCode(201).extract().path("id");
        refund(admin, body).then().statusCode(201).body("id", equalTo(first));
        assertEquals(300L, PaymentTestSupport.count("SELECT refunded_cents FROM payments WHERE id = $1",
                Tuple.of(c.paymentId())));
    }

    @Test
    void aRefundMadeInStripesDashboardIsSyncedFromChargeRefunded() {
        Account payer = Fixtures.user();
        Created c = completed(payer, null, "10");
        ObjectNode charge = PaymentTestSupport.JSON.createObjectNode().put("id", "ch_" + UUID.randomUUID())
                .put("object", "charge").put("payment_intent", c.paymentIntentId()).put("amount", 1000)
                .put("amount_refunded", 400);
        String payload = PaymentTestSupport.event("evt_" + UUID.randomUUID(), "charge.refunded", nowSeconds(), charge);
        webhook(payload).then().statusCode(200);
        webhook(payload).then().statusCode(200);
        payer.request().get("/api/payments/" + c.paymentId()).then().body("status", equalTo("PARTIALLY_REFUNDED"))
                .body("refundedAmount", equalTo(4));
        assertEquals(400L, RecordingEffect.REFUNDED_CENTS.get(c.paymentId()));
    }

    @Test
    void aPendingStripeRefundCompletesWhenRefundUpdatedArrives() {
        Account payer = Fixtures.user();
        Created c = completed(payer, null, "8");
        StripeMock.server().stubFor(post(urlEqualTo("/v1/refunds")).atPriority(1)
                .withRequestBody(containing("payment_intent=" + c.paymentIntentId()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"re_pending_" + c.paymentIntentId() + "\", \"object\": \"refund\","
                                + " \"status\": \"pending\", \"amount\": 800}")));
        Account admin = Fixtures.admin();
        String refundId = refund(admin, Map.of("paymentId", c.paymentId().toString(), "reason", "other"))
                .then().statusCode(201).body("status", equalTo("PENDING")).extract().path("id");
        assertEquals("COMPLETED", status(c.paymentId()));
        // The amount stays reserved meanwhile.
        admin.request().get("/api/payments/refunds/eligibility/" + c.paymentId()).then()
                .body("refundableAmount", equalTo(0));

        ObjectNode obj = PaymentTestSupport.JSON.createObjectNode().put("id", "re_pending_" + c.paymentIntentId())
                .put("object", "refund").put("status", "succeeded").put("amount", 800)
                .put("payment_intent", c.paymentIntentId());
        obj.putObject("metadata").put("refundId", refundId);
        String payload = PaymentTestSupport.event("evt_" + UUID.randomUUID(), "refund.updated", nowSeconds(), obj);
        webhook(payload).then().statusCode(200);
        webhook(payload).then().statusCode(200);
        admin.request().get("/api/payments/refunds/" + refundId).then().body("status", equalTo("SUCCEEDED"));
        assertEquals("REFUNDED", status(c.paymentId()));
        assertEquals(800L, RecordingEffect.REFUNDED_CENTS.get(c.paymentId()));
    }
}
