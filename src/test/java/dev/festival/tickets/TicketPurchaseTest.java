package dev.festival.tickets;

import static dev.festival.tickets.TicketTestSupport.category;
import static dev.festival.tickets.TicketTestSupport.categoryBody;
import static dev.festival.tickets.TicketTestSupport.count;
import static dev.festival.tickets.TicketTestSupport.counters;
import static dev.festival.tickets.TicketTestSupport.purchase;
import static dev.festival.tickets.TicketTestSupport.runningFestival;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.festival.payments.StripeMock;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StripeMock.class, scope = TestResourceScope.GLOBAL)
class TicketPurchaseTest {

    @Test
    void organizerManagesCategoriesAndThePublicListShowsAvailability() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        Map<String, Object> body = categoryBody("49.9", 10);
        body.put("festivalId", festival.toString());
        Response created = org.request().body(body).post("/api/festivals/" + festival + "/ticket-categories");
        created.then().statusCode(201).body("price", equalTo(49.9f)).body("type", equalTo("STANDARD"))
                .body("available", equalTo(10)).body("soldCount", equalTo(0)).body("festivalId",
                        equalTo(festival.toString())).body("isActive", equalTo(true));
        String id = created.path("id");

        given().get("/api/festivals/" + festival + "/ticket-categories").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(id)).body("[0].available", equalTo(10));

        org.request().body(Map.of("price", 55, "quota", 12)).patch("/api/festivals/" + festival
                + "/ticket-categories/" + id).then().statusCode(200).body("price", equalTo(55))
                .body("quota", equalTo(12));
        // a festivalId in the body must be the path's
        org.request().body(Map.of("festivalId", UUID.randomUUID().toString(), "quota", 3))
                .put("/api/festivals/" + festival + "/ticket-categories/" + id)
                .then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        // another user may not create one; body validation comes first
        Account stranger = Fixtures.user();
        stranger.request().body(Map.of("quota", 3)).post("/api/festivals/" + festival + "/ticket-categories")
                .then().statusCode(400);
        stranger.request().body(categoryBody("10", 3)).post("/api/festivals/" + festival + "/ticket-categories")
                .then().statusCode(403);
        given().get("/api/festivals/" + UUID.randomUUID() + "/ticket-categories").then().statusCode(404);
        given().get("/api/festivals/" + festival + "/ticket-categories/not-a-uuid").then().statusCode(404)
                .body("errorCode", equalTo("ERR_5001"));
        org.request().delete("/api/festivals/" + festival + "/ticket-categories/" + id).then().statusCode(204);
        org.request().get("/api/festivals/" + festival + "/ticket-categories").then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void threeHundredConcurrentPurchasesOfAHundredTicketsSellExactlyAHundred() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "0", 100);
        List<Account> buyers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            buyers.add(Fixtures.user());
        }
        ExecutorService pool = Executors.newFixedThreadPool(48);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> codes = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Account buyer = buyers.get(i % buyers.size());
            futures.add(pool.submit(() -> {
                start.await();
                Response r = purchase(buyer, festival, category, 1);
                statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                if (r.statusCode() != 201) {
                    codes.computeIfAbsent(String.valueOf(r.<String>path("errorCode")), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(100, statuses.get(201).get(), "201s: " + statuses);
        assertEquals(200, statuses.get(409).get(), "409s: " + statuses);
        assertEquals(200, codes.get("ERR_5004").get());
        assertArrayEquals(new int[] {100, 0}, counters(category));
        assertEquals(100, count("SELECT count(*) FROM tickets WHERE category_id = $1 AND status = 'SOLD'",
                Tuple.of(category)));
        given().get("/api/festivals/" + festival + "/ticket-categories/" + category).then()
                .body("available", equalTo(0)).body("soldCount", equalTo(100));
    }

    @Test
    void freePurchaseIssuesSoldTicketsWithASignedQr() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "0", 10);
        Account buyer = Fixtures.user();
        Response r = purchase(buyer, festival, category, 2);
        r.then().statusCode(201).body("order.status", equalTo("PAID")).body("order.total", equalTo(0))
                .body("tickets", hasSize(2)).body("tickets[0].status", equalTo("SOLD"))
                .body("tickets[0].qrCode", notNullValue()).body("payment", nullValue())
                .body("tickets[0].festival.id", equalTo(festival.toString()))
                .body("tickets[0].category.type", equalTo("STANDARD"));
        buyer.request().get("/api/tickets/me").then().statusCode(200).body("$", hasSize(2));
        buyer.request().get("/api/tickets?festivalId=" + festival).then().statusCode(200).body("$", hasSize(2));
        buyer.request().get("/api/tickets?festivalId=" + UUID.randomUUID()).then().statusCode(200)
                .body("$", hasSize(0));
        String ticket = r.path("tickets[0].id");
        Fixtures.user().request().get("/api/tickets/" + ticket).then().statusCode(403);
        org.request().get("/api/tickets/" + ticket).then().statusCode(200).body("userId",
                equalTo(buyer.id().toString()));
        buyer.request().get("/api/tickets/orders/" + r.path("order.id") + "/invoice").then().statusCode(200)
                .body("lines", hasSize(1)).body("lines[0].quantity", equalTo(2)).body("total", equalTo(0))
                .body("paymentStatus", equalTo("FREE")).body("buyer.email", equalTo(buyer.email()));
    }

    @Test
    void perUserLimitIsA400AndTakesNoQuota() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        Map<String, Object> body = categoryBody("0", 50);
        body.put("maxPerUser", 2);
        UUID category = category(org, festival, body);
        Account buyer = Fixtures.user();
        purchase(buyer, festival, category, 2).then().statusCode(201);
        purchase(buyer, festival, category, 1).then().statusCode(400).body("errorCode", equalTo("ERR_5004"));
        purchase(buyer, festival, category, 3).then().statusCode(400).body("errorCode", equalTo("ERR_5004"));
        assertArrayEquals(new int[] {2, 0}, counters(category));
        purchase(Fixtures.user(), festival, category, 2).then().statusCode(201);
        assertArrayEquals(new int[] {4, 0}, counters(category));
    }

    @Test
    void concurrentPurchasesOfOneBuyerNeverExceedThePerUserLimit() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        Map<String, Object> body = categoryBody("0", 1000);
        body.put("maxPerUser", 3);
        UUID category = category(org, festival, body);
        Account buyer = Fixtures.user();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                Response r = purchase(buyer, festival, category, 1);
                statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                if (r.statusCode() == 400) {
                    assertEquals("ERR_5004", r.path("errorCode"));
                    assertEquals(3, (Integer) r.path("details.maxPerUser"));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(3, statuses.get(201).get(), "201s: " + statuses);
        assertEquals(21, statuses.get(400).get(), "400s: " + statuses);
        // a refused purchase keeps nothing: neither quota nor an order
        assertArrayEquals(new int[] {3, 0}, counters(category));
        assertEquals(3, count("SELECT count(*) FROM tickets WHERE category_id = $1", Tuple.of(category)));
        assertEquals(3, count("SELECT count(*) FROM ticket_orders WHERE category_id = $1", Tuple.of(category)));
    }

    @Test
    void saleWindowAndInputAreEnforced() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        Map<String, Object> future = categoryBody("0", 50);
        future.put("saleStartDate", OffsetDateTime.now().plusDays(1).toString());
        UUID notYet = category(org, festival, future);
        Map<String, Object> past = categoryBody("0", 50);
        past.put("saleStartDate", OffsetDateTime.now().minusDays(3).toString());
        past.put("saleEndDate", OffsetDateTime.now().minusDays(1).toString());
        UUID over = category(org, festival, past);
        Account buyer = Fixtures.user();
        purchase(buyer, festival, notYet, 1).then().statusCode(400).body("errorCode", equalTo("ERR_5008"));
        purchase(buyer, festival, over, 1).then().statusCode(400).body("errorCode", equalTo("ERR_5008"));
        assertArrayEquals(new int[] {0, 0}, counters(notYet));
        buyer.request().body(Map.of("festivalId", festival.toString(), "quantity", 1)).post("/api/tickets/buy")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        buyer.request().body(Map.of("festivalId", festival.toString(), "categoryId", notYet.toString(),
                "quantity", 0)).post("/api/tickets/buy").then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        purchase(buyer, festival, UUID.randomUUID(), 1).then().statusCode(404);
        given().contentType("application/json").body(Map.of("festivalId", festival.toString(), "categoryId",
                notYet.toString())).post("/api/tickets/purchase").then().statusCode(401);
    }

    @Test
    void guestPurchaseCreatesAPendingAccountAndIssuesTickets() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "0", 10);
        String email = Fixtures.uniqueEmail("guest");
        given().contentType("application/json").body(Map.of("festivalId", festival.toString(), "categoryId",
                        category.toString(), "quantity", 1, "email", email.toUpperCase(), "firstName", "Gus",
                        "lastName", "Guest"))
                .post("/api/tickets/guest-purchase").then().statusCode(201).body("tickets", hasSize(1));
        assertEquals("PENDING_VERIFICATION", TicketTestSupport.query("SELECT status FROM users WHERE email = $1",
                Tuple.of(email)).iterator().next().getString(0));
        // a second guest purchase with the same email uses the same pending account
        given().contentType("application/json").body(Map.of("festivalId", festival.toString(), "categoryId",
                        category.toString(), "email", email, "firstName", "Gus", "lastName", "Guest"))
                .post("/api/tickets/guest-purchase").then().statusCode(201);
        assertEquals(2L, count("SELECT count(*) FROM tickets t JOIN users u ON u.id = t.user_id WHERE u.email = $1",
                Tuple.of(email)));
        // an active account must sign in
        Account member = Fixtures.user();
        given().contentType("application/json").body(Map.of("festivalId", festival.toString(), "categoryId",
                        category.toString(), "email", member.email(), "firstName", "X", "lastName", "Y"))
                .post("/api/tickets/guest-purchase").then().statusCode(409).body("errorCode", equalTo("ERR_5002"));
        given().contentType("application/json").body(Map.of("festivalId", festival.toString(), "categoryId",
                category.toString(), "firstName", "Gus", "lastName", "Guest"))
                .post("/api/tickets/guest-purchase").then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
    }

    @Test
    void idempotencyKeyReplaysTheFirstOrder() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "0", 10);
        Account buyer = Fixtures.user();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("festivalId", festival.toString(), "categoryId", category.toString(),
                "quantity", 2);
        String first = buyer.request().header("Idempotency-Key", key).body(body).post("/api/tickets/purchase")
                .then().statusCode(201).extract().path("order.id");
        buyer.request().header("Idempotency-Key", key).body(body).post("/api/tickets/purchase")
                .then().statusCode(201).body("order.id", equalTo(first));
        buyer.request().header("Idempotency-Key", key).body(Map.of("festivalId", festival.toString(), "categoryId",
                category.toString(), "quantity", 1)).post("/api/tickets/purchase")
                .then().statusCode(409).body("errorCode", equalTo("ERR_5007"));
        assertArrayEquals(new int[] {2, 0}, counters(category));
    }
}
