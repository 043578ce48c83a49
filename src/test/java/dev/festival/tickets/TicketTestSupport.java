package dev.festival.tickets;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.festival.payments.StripeMock;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Festivals, categories, purchases and signed Stripe webhooks for the ticketing tests. */
final class TicketTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    private TicketTestSupport() {
    }

    /** A PUBLISHED festival running now (so its tickets admit), owned by {@code owner}. */
    static UUID runningFestival(Account owner) {
        UUID id = UUID.randomUUID();
        Fixtures.sql("""
                INSERT INTO festivals (id, name, slug, location, start_date, end_date, currency, status, organizer_id)
                VALUES ($1, $2, $3, 'Test ground', now() - interval '1 day', now() + interval '2 days', 'EUR',
                        'PUBLISHED', $4)""",
                Tuple.of(id, "Tickets " + id, "tickets-" + id, owner.id()));
        return id;
    }

    static Map<String, Object> categoryBody(String price, int quota) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", "Pass " + UUID.randomUUID().toString().substring(0, 8));
        b.put("type", "standard");
        b.put("price", new java.math.BigDecimal(price));
        b.put("quota", quota);
        b.put("maxPerUser", 1000);
        b.put("maxPerOrder", 10);
        return b;
    }

    static UUID category(Account org, UUID festivalId, Map<String, Object> body) {
        Response r = org.request().body(body).post("/api/festivals/" + festivalId + "/ticket-categories");
        if (r.statusCode() != 201) {
            throw new AssertionError("category failed: " + r.statusCode() + " " + r.asString());
        }
        return UUID.fromString(r.path("id"));
    }

    static UUID category(Account org, UUID festivalId, String price, int quota) {
        return category(org, festivalId, categoryBody(price, quota));
    }

    static Response purchase(Account buyer, UUID festivalId, UUID categoryId, int quantity) {
        return buyer.request().body(Map.of("festivalId", festivalId.toString(), "categoryId", categoryId.toString(),
                "quantity", quantity)).post("/api/tickets/purchase");
    }

    /** One free ticket bought by {@code buyer}; answers its id. */
    static UUID freeTicket(Account buyer, UUID festivalId, UUID categoryId) {
        Response r = purchase(buyer, festivalId, categoryId, 1);
        if (r.statusCode() != 201) {
            throw new AssertionError("purchase failed: " + r.statusCode() + " " + r.asString());
        }
        return UUID.fromString(r.path("tickets[0].id"));
    }

    static String qrOf(Account holder, UUID ticketId) {
        return holder.request().get("/api/tickets/" + ticketId).then().statusCode(200).extract().path("qrCode");
    }

    static Response validate(Account caller, String qr) {
        return caller.request().body(Map.of("qrCode", qr)).post("/api/tickets/validate");
    }

    static Response scan(Account caller, String qr) {
        return caller.request().body(Map.of("qrCode", qr)).post("/api/tickets/scan");
    }

    static RowSet<Row> query(String sql, Tuple args) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10));
    }

    static long count(String sql, Tuple args) {
        return query(sql, args).iterator().next().getLong(0);
    }

    static int[] counters(UUID categoryId) {
        Row r = query("SELECT sold_count, reserved_count FROM ticket_categories WHERE id = $1", Tuple.of(categoryId))
                .iterator().next();
        return new int[] {r.getInteger(0), r.getInteger(1)};
    }

    static String ticketStatus(UUID ticketId) {
        return query("SELECT status FROM tickets WHERE id = $1", Tuple.of(ticketId)).iterator().next().getString(0);
    }

    /** A Stripe event about a PaymentIntent, signed as Stripe would. */
    static Response intentWebhook(String type, String paymentIntentId, UUID paymentId) {
        ObjectNode obj = JSON.createObjectNode().put("id", paymentIntentId).put("object", "payment_intent")
                .put("amount", 100).put("status", type.substring("payment_intent.".length()));
        obj.putObject("metadata").put("paymentId", paymentId.toString());
        ObjectNode root = JSON.createObjectNode().put("id", "evt_" + UUID.randomUUID()).put("object", "event")
                .put("type", type).put("created", System.currentTimeMillis() / 1000)
                .put("api_version", "2099-01-01.future").put("livemode", false);
        root.putObject("data").set("object", obj);
        return webhook(root.toString());
    }

    static Response webhook(String payload) {
        return given().contentType(ContentType.JSON).header("Stripe-Signature", StripeMock.sign(payload))
                .body(payload).post("/api/payments/webhook");
    }
}
