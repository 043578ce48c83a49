package dev.festival.payments;

import static dev.festival.payments.PaymentTestSupport.count;
import static dev.festival.payments.PaymentTestSupport.intent;
import static dev.festival.payments.PaymentTestSupport.intentEvent;
import static dev.festival.payments.PaymentTestSupport.nowSeconds;
import static dev.festival.payments.PaymentTestSupport.status;
import static dev.festival.payments.PaymentTestSupport.webhook;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.festival.payments.PaymentTestSupport.Created;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.quarkus.arc.Arc;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StripeMock.class, scope = TestResourceScope.GLOBAL)
class StripeWebhookTest {

    private static long probeRows(UUID paymentId, String kind) {
        return count("SELECT count(*) FROM payment_effect_probe WHERE payment_id = $1 AND kind = $2",
                Tuple.of(paymentId, kind));
    }

    private static long events(String eventId) {
        return count("SELECT count(*) FROM webhook_events WHERE event_id = $1", Tuple.of(eventId));
    }

    private static int effectCalls(UUID paymentId) {
        var c = RecordingEffect.SUCCEEDED.get(paymentId);
        return c == null ? 0 : c.get();
    }

    @Test
    void badSignatureIs400AndChangesNothing() {
        Created c = intent(Fixtures.user(), null, "12.5", "OTHER");
        String eventId = "evt_" + UUID.randomUUID();
        String payload = intentEvent(eventId, "payment_intent.succeeded", c, nowSeconds());
        given().contentType(ContentType.JSON)
                .header("Stripe-Signature", StripeMock.sign(payload, "whsec_wrong", nowSeconds()))
                .body(payload).post("/api/payments/webhook")
                .then().statusCode(400).body("errorCode", equalTo("ERR_6003"));
        // A correctly signed header over another body does not pass either.
        given().contentType(ContentType.JSON).header("Stripe-Signature", StripeMock.sign(payload + " "))
                .body(payload).post("/api/payments/webhook")
                .then().statusCode(400).body("errorCode", equalTo("ERR_6003"));
        // Too old a signature (replay) is refused.
        given().contentType(ContentType.JSON)
                .header("Stripe-Signature", StripeMock.sign(payload, StripeMock.WEBHOOK_SECRET, nowSeconds() - 3600))
                .body(payload).post("/api/payments/webhook")
                .then().statusCode(400).body("errorCode", equalTo("ERR_6003"));
        assertEquals("PENDING", status(c.paymentId()));
        assertEquals(0, events(eventId));
        assertEquals(0, effectCalls(c.paymentId()));
    }

    @Test
    void missingSignatureIs400() {
        Created c = intent(Fixtures.user(), null, "3", "OTHER");
        String payload = intentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded", c, nowSeconds());
        given().contentType(ContentType.JSON).body(payload).post("/api/payments/webhook")
                .then().statusCode(400).body("errorCode", equalTo("ERR_6003"));
        assertEquals("PENDING", status(c.paymentId()));
    }

    @Test
    void succeededWebhookCompletesThePaymentAndAppliesTheEffectOnceAndAnnouncesIt() throws Exception {
        Account user = Fixtures.user();
        Created c = intent(user, null, "12.5", "OTHER");
        List<JsonObject> announced = new CopyOnWriteArrayList<>();
        CountDownLatch got = new CountDownLatch(1);
        io.vertx.core.Vertx vertx = Arc.container().instance(io.vertx.core.Vertx.class).get();
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(PaymentEvents.COMPLETED, m -> {
            if (c.paymentId().toString().equals(m.body().getString("paymentId"))) {
                announced.add(m.body());
                got.countDown();
            }
        });
        try {
            String eventId = "evt_" + UUID.randomUUID();
            webhook(intentEvent(eventId, "payment_intent.succeeded", c, nowSeconds()))
                    .then().statusCode(200).body("received", equalTo(true));
            user.request().get("/api/payments/" + c.paymentId()).then().statusCode(200)
                    .body("status", equalTo("COMPLETED")).body("paidAt", notNullValue());
            assertEquals(1, effectCalls(c.paymentId()));
            assertEquals(1, probeRows(c.paymentId(), "succeeded"));
            assertEquals(1, events(eventId));
            got.await(5, TimeUnit.SECONDS);
            assertEquals(1, announced.size());
            assertEquals(1250, announced.get(0).getLong("amountCents"));
        } finally {
            consumer.unregister();
        }
    }

    @Test
    void theSameEventDeliveredFiveTimesConcurrentlyAppliesTheEffectOnce() throws Exception {
        Created c = intent(Fixtures.user(), null, "12.5", "OTHER");
        String payload = intentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded", c, nowSeconds());
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return webhook(payload).statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> f : results) {
            assertEquals(200, f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals("COMPLETED", status(c.paymentId()));
        assertEquals(1, effectCalls(c.paymentId()));
        assertEquals(1, probeRows(c.paymentId(), "succeeded"));
    }

    @Test
    void differentEventsForTheSamePaymentCompleteItOnce() throws Exception {
        Created c = intent(Fixtures.user(), null, "4", "OTHER");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String payload = intentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded", c, nowSeconds());
            results.add(pool.submit(() -> webhook(payload).statusCode()));
        }
        for (Future<Integer> f : results) {
            assertEquals(200, f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, effectCalls(c.paymentId()));
        assertEquals(1, probeRows(c.paymentId(), "succeeded"));
    }

    @Test
    void aLateProcessingOrFailureNeverDowngradesASucceededPayment() {
        Created c = intent(Fixtures.user(), null, "12.5", "OTHER");
        long t = nowSeconds();
        webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded", c, t)).then().statusCode(200);
        webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.processing", c, t - 10)).then().statusCode(200);
        assertEquals("COMPLETED", status(c.paymentId()));
        webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.payment_failed", c, t + 10)).then().statusCode(200);
        webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.canceled", c, t + 20)).then().statusCode(200);
        assertEquals("COMPLETED", status(c.paymentId()));
        assertEquals(1, effectCalls(c.paymentId()));
    }

    @Test
    void anOlderProcessingEventDoesNotOverrideANewerFailure() {
        Created c = intent(Fixtures.user(), null, "2", "OTHER");
        long t = nowSeconds();
        webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.payment_failed", c, t)).then().statusCode(200);
        assertEquals("FAILED", status(c.paymentId()));
        webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.processing", c, t - 5)).then().statusCode(200);
        assertEquals("FAILED", status(c.paymentId()));
        assertEquals(1, RecordingEffect.FAILED.get(c.paymentId()).get());
    }

    @Test
    void aSuccessAfterAFailedAttemptCompletesThePayment() {
        Account user = Fixtures.user();
        Created c = intent(user, null, "2", "OTHER");
        long t = nowSeconds();
        webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.payment_failed", c, t)).then().statusCode(200);
        user.request().get("/api/payments/" + c.paymentId()).then().body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("Your card was declined."));
        webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded", c, t + 30)).then().statusCode(200);
        user.request().get("/api/payments/" + c.paymentId()).then().body("status", equalTo("COMPLETED"));
        assertEquals(1, effectCalls(c.paymentId()));
    }

    @Test
    void aFailingEffectRollsBackTheEventSoStripesRetryAppliesIt() {
        Created c = intent(Fixtures.user(), null, "9", "OTHER");
        String eventId = "evt_" + UUID.randomUUID();
        String payload = intentEvent(eventId, "payment_intent.succeeded", c, nowSeconds());
        RecordingEffect.FAIL.add(c.paymentId());
        webhook(payload).then().statusCode(500);
        assertEquals("PENDING", status(c.paymentId()));
        assertEquals(0, events(eventId));
        assertEquals(0, probeRows(c.paymentId(), "succeeded"));

        RecordingEffect.FAIL.remove(c.paymentId());
        webhook(payload).then().statusCode(200);
        assertEquals("COMPLETED", status(c.paymentId()));
        assertEquals(1, events(eventId));
        assertEquals(1, probeRows(c.paymentId(), "succeeded"));
        webhook(payload).then().statusCode(200);
        assertEquals(1, probeRows(c.paymentId(), "succeeded"));
    }

    @Test
    void unknownEventTypesAreAcknowledgedAndRecorded() {
        String eventId = "evt_" + UUID.randomUUID();
        ObjectNode obj = PaymentTestSupport.JSON.createObjectNode().put("id", "cus_123").put("object", "customer");
        webhook(PaymentTestSupport.event(eventId, "customer.created", nowSeconds(), obj))
                .then().statusCode(200).body("received", equalTo(true));
        assertEquals(1, events(eventId));
    }

    @Test
    void anEventOfAnotherApiVersionWithExtraFieldsIsStillApplied() {
        Created c = intent(Fixtures.user(), null, "1", "OTHER");
        ObjectNode obj = PaymentTestSupport.JSON.createObjectNode().put("id", c.paymentIntentId())
                .put("object", "payment_intent").put("status", "succeeded");
        obj.putObject("brand_new_field").put("x", 1);
        obj.putArray("amount").add(1); // a type stripe-java would choke on
        webhook(PaymentTestSupport.event("evt_" + UUID.randomUUID(), "payment_intent.succeeded", nowSeconds(), obj))
                .then().statusCode(200);
        assertEquals("COMPLETED", status(c.paymentId()));
    }

    @Test
    void canceledWebhookCancelsAPendingPayment() {
        Created c = intent(Fixtures.user(), null, "1", "OTHER");
        webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.canceled", c, nowSeconds())).then().statusCode(200);
        assertEquals("CANCELLED", status(c.paymentId()));
        assertNull(RecordingEffect.SUCCEEDED.get(c.paymentId()));
    }

    @Test
    void checkoutSessionCompletedWebhookCompletesACheckoutPayment() {
        Account user = Fixtures.user();
        Response r = user.request().body(Map.of(
                        "lineItems", List.of(Map.of("name", "Day pass", "unitAmount", 2500, "quantity", 2)),
                        "successUrl", "https://app.test/ok", "cancelUrl", "https://app.test/ko"))
                .post("/api/payments/checkout");
        r.then().statusCode(201);
        UUID paymentId = UUID.fromString(r.path("paymentId"));
        String sessionId = r.path("sessionId");
        ObjectNode obj = PaymentTestSupport.JSON.createObjectNode().put("id", sessionId).put("object", "checkout.session")
                .put("payment_status", "paid").put("status", "complete").put("payment_intent", "pi_cs_" + UUID.randomUUID().toString().replace("-", ""))
                .put("amount_total", 5000);
        obj.putObject("metadata").put("paymentId", paymentId.toString());
        webhook(PaymentTestSupport.event("evt_" + UUID.randomUUID(), "checkout.session.completed", nowSeconds(), obj))
                .then().statusCode(200);
        user.request().get("/api/payments/" + paymentId).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("amount", equalTo(50))
                .body("providerPaymentId", equalTo(obj.get("payment_intent").asText()));
        assertEquals(1, effectCalls(paymentId));
    }
}
