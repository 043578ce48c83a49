package dev.festival.tickets;

import static dev.festival.tickets.TicketTestSupport.category;
import static dev.festival.tickets.TicketTestSupport.counters;
import static dev.festival.tickets.TicketTestSupport.intentWebhook;
import static dev.festival.tickets.TicketTestSupport.purchase;
import static dev.festival.tickets.TicketTestSupport.query;
import static dev.festival.tickets.TicketTestSupport.runningFestival;
import static dev.festival.tickets.TicketTestSupport.ticketStatus;
import static dev.festival.tickets.TicketTestSupport.validate;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.payments.StripeMock;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StripeMock.class, scope = TestResourceScope.GLOBAL)
class TicketPaymentFlowTest {

    private static String orderStatus(String orderId) {
        return query("SELECT status FROM ticket_orders WHERE id = $1", Tuple.of(UUID.fromString(orderId)))
                .iterator().next().getString(0);
    }

    @Test
    void paidPurchaseIsReservedUntilTheWebhookThenSoldOnceEvenIfDeliveredTwice() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "25.5", 10);
        Account buyer = Fixtures.user();
        Response r = purchase(buyer, festival, category, 2);
        r.then().statusCode(201).body("order.status", equalTo("PENDING")).body("order.total", equalTo(51))
                .body("tickets", hasSize(2)).body("tickets[0].status", equalTo("RESERVED"))
                .body("tickets[0].qrCode", nullValue()).body("payment.clientSecret", notNullValue())
                .body("payment.paymentIntentId", startsWith("pi_"));
        assertArrayEquals(new int[] {0, 2}, counters(category));
        UUID paymentId = UUID.fromString(r.path("payment.paymentId"));
        String pi = r.path("payment.paymentIntentId");
        UUID ticket = UUID.fromString(r.path("tickets[0].id"));
        assertEquals(5100L, query("SELECT amount_cents FROM payments WHERE id = $1", Tuple.of(paymentId))
                .iterator().next().getLong(0));

        intentWebhook("payment_intent.succeeded", pi, paymentId).then().statusCode(200);
        intentWebhook("payment_intent.succeeded", pi, paymentId).then().statusCode(200);
        assertArrayEquals(new int[] {2, 0}, counters(category));
        assertEquals("SOLD", ticketStatus(ticket));
        assertEquals("PAID", orderStatus(r.path("order.id")));
        String qr = buyer.request().get("/api/tickets/" + ticket).then().statusCode(200)
                .body("status", equalTo("SOLD")).body("purchasePrice", equalTo(25.5f)).extract().path("qrCode");
        validate(org, qr).then().statusCode(200).body("reason", equalTo("ok"));
        buyer.request().get("/api/tickets/" + ticket + "/qrcode").then().statusCode(200)
                .body("qrCode", startsWith("data:image/png;base64,"));
        byte[] png = buyer.request().accept("image/png").get("/api/tickets/" + ticket + "/qr").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        assertTrue(png.length > 100 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        buyer.request().get("/api/tickets/orders/" + r.path("order.id") + "/invoice").then().statusCode(200)
                .body("total", equalTo(51)).body("paymentStatus", equalTo("COMPLETED"))
                .body("lines[0].unitPrice", equalTo(25.5f));

        // the payer's self-refund policy: not once the festival has started; refunds go through the payments core
        buyer.request().post("/api/tickets/" + ticket + "/cancel").then().statusCode(403);
        assertEquals("SOLD", ticketStatus(ticket));
        // org refunds one ticket: REFUNDED, quota back, QR revoked
        org.request().post("/api/tickets/" + ticket + "/cancel").then().statusCode(200)
                .body("status", equalTo("REFUNDED"));
        assertArrayEquals(new int[] {1, 0}, counters(category));
        assertEquals(2550L, query("SELECT refunded_cents FROM payments WHERE id = $1", Tuple.of(paymentId))
                .iterator().next().getLong(0));
        validate(org, qr).then().statusCode(200).body("reason", equalTo("revoked"));
        org.request().get("/api/festivals/" + festival + "/stats").then().statusCode(200)
                .body("ticketsSold", equalTo(1)).body("revenue", equalTo(25.5f));
        org.request().post("/api/tickets/" + ticket + "/cancel").then().statusCode(409);
    }

    @Test
    void cancellingAReservedTicketReleasesTheOrderAndItsQuota() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "10", 5);
        Account buyer = Fixtures.user();
        Response r = purchase(buyer, festival, category, 2);
        r.then().statusCode(201);
        assertArrayEquals(new int[] {0, 2}, counters(category));
        buyer.request().post("/api/tickets/" + r.path("tickets[0].id") + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertArrayEquals(new int[] {0, 0}, counters(category));
        assertEquals("CANCELLED", orderStatus(r.path("order.id")));
        assertEquals("CANCELLED", ticketStatus(UUID.fromString(r.path("tickets[1].id"))));
        assertEquals("CANCELLED", query("SELECT status FROM payments WHERE id = $1",
                Tuple.of(UUID.fromString(r.path("payment.paymentId")))).iterator().next().getString(0));
    }

    @Test
    void expiryJobReleasesUnpaidReservations() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "10", 3);
        Account buyer = Fixtures.user();
        Response r = purchase(buyer, festival, category, 3);
        r.then().statusCode(201);
        purchase(Fixtures.user(), festival, category, 1).then().statusCode(409).body("errorCode", equalTo("ERR_5004"));
        ReservationExpiry job = Arc.container().instance(ReservationExpiry.class).get();
        // a TTL far away expires nothing
        job.expire(Duration.ofHours(1)).await().atMost(Duration.ofSeconds(20));
        assertArrayEquals(new int[] {0, 3}, counters(category));
        int expired = job.expire(Duration.ZERO).await().atMost(Duration.ofSeconds(20));
        assertTrue(expired >= 1);
        assertArrayEquals(new int[] {0, 0}, counters(category));
        assertEquals("EXPIRED", orderStatus(r.path("order.id")));
        List<String> statuses = buyer.request().get("/api/tickets/me").path("status");
        assertEquals(List.of("CANCELLED", "CANCELLED", "CANCELLED"), statuses);
        purchase(Fixtures.user(), festival, category, 1).then().statusCode(201);
        assertArrayEquals(new int[] {0, 1}, counters(category));
    }

    @Test
    void stripeFailureReleasesTheReservation() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "10", 3);
        Account buyer = Fixtures.user();
        StripeMock.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/payment_intents"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("orderId"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(category.toString()))
                .atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(402)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"type\": \"card_error\", \"message\": \"declined\"}}")));
        int status = purchase(buyer, festival, category, 2).then().extract().statusCode();
        assertTrue(status >= 400, "status " + status);
        assertArrayEquals(new int[] {0, 0}, counters(category));
    }

    @Test
    void aFailedPaymentReleasesTheReservationAndALateSuccessTakesQuotaAgainWhileThereIsSome() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "10", 2);
        Response first = purchase(Fixtures.user(), festival, category, 2);
        first.then().statusCode(201);
        UUID paymentId = UUID.fromString(first.path("payment.paymentId"));
        intentWebhook("payment_intent.payment_failed", first.path("payment.paymentIntentId"), paymentId)
                .then().statusCode(200);
        assertArrayEquals(new int[] {0, 0}, counters(category));
        assertEquals("CANCELLED", orderStatus(first.path("order.id")));
        // the buyer retries the card and it goes through: the quota is still free, the tickets are issued
        intentWebhook("payment_intent.succeeded", first.path("payment.paymentIntentId"), paymentId)
                .then().statusCode(200);
        assertArrayEquals(new int[] {2, 0}, counters(category));
        assertEquals("PAID", orderStatus(first.path("order.id")));
        assertEquals("SOLD", ticketStatus(UUID.fromString(first.path("tickets[1].id"))));

        // another order lapses, its quota is sold meanwhile: a late payment issues nothing and oversells nothing
        UUID small = category(org, festival, "10", 1);
        Response lapsed = purchase(Fixtures.user(), festival, small, 1);
        UUID lapsedPayment = UUID.fromString(lapsed.path("payment.paymentId"));
        intentWebhook("payment_intent.payment_failed", lapsed.path("payment.paymentIntentId"), lapsedPayment)
                .then().statusCode(200);
        Response other = purchase(Fixtures.user(), festival, small, 1);
        intentWebhook("payment_intent.succeeded", other.path("payment.paymentIntentId"),
                UUID.fromString(other.path("payment.paymentId"))).then().statusCode(200);
        intentWebhook("payment_intent.succeeded", lapsed.path("payment.paymentIntentId"), lapsedPayment)
                .then().statusCode(200);
        assertArrayEquals(new int[] {1, 0}, counters(small));
        assertEquals("CANCELLED", orderStatus(lapsed.path("order.id")));
    }

    @Test
    void concurrentPaidPurchasesReserveNoMoreThanTheQuota() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "15", 20);
        List<Account> buyers = List.of(Fixtures.user(), Fixtures.user(), Fixtures.user());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(25);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.Map<Integer, java.util.concurrent.atomic.AtomicInteger> statuses =
                new java.util.concurrent.ConcurrentHashMap<>();
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Account buyer = buyers.get(i % buyers.size());
            futures.add(pool.submit(() -> {
                start.await();
                int code = purchase(buyer, festival, category, 1).statusCode();
                statuses.computeIfAbsent(code, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> f : futures) {
            f.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(20, statuses.get(201).get(), statuses.toString());
        assertEquals(30, statuses.get(409).get(), statuses.toString());
        assertArrayEquals(new int[] {0, 20}, counters(category));
        assertEquals(20L, TicketTestSupport.count("SELECT count(*) FROM ticket_orders WHERE category_id = $1"
                + " AND payment_id IS NOT NULL AND status = 'PENDING'", Tuple.of(category)));
    }
}
