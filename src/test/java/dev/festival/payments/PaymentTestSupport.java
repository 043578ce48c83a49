package dev.festival.payments;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Helpers shared by the payments tests: API calls, signed webhooks, SQL reads. */
final class PaymentTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    private PaymentTestSupport() {
    }

    record Created(UUID paymentId, String paymentIntentId) {
    }

    static Response createIntent(Account a, Map<String, Object> body) {
        return a.request().body(body).post("/api/payments/intent");
    }

    static Created intent(Account payer, UUID festivalId, String amount, String purpose) {
        Map<String, Object> body = new HashMap<>();
        body.put("amount", new java.math.BigDecimal(amount));
        body.put("purpose", purpose);
        if (festivalId != null) {
            body.put("festivalId", festivalId.toString());
        }
        Response r = createIntent(payer, body);
        if (r.statusCode() != 201) {
            throw new AssertionError("intent failed: " + r.statusCode() + " " + r.asString());
        }
        return new Created(UUID.fromString(r.path("paymentId")), r.path("paymentIntentId"));
    }

    /** An intent whose succeeded webhook has been delivered: the payment is COMPLETED. */
    static Created completed(Account payer, UUID festivalId, String amount) {
        Created c = intent(payer, festivalId, amount, "OTHER");
        Response r = webhook(intentEvent("evt_" + UUID.randomUUID(), "payment_intent.succeeded", c, nowSeconds()));
        if (r.statusCode() != 200) {
            throw new AssertionError("webhook failed: " + r.statusCode() + " " + r.asString());
        }
        return c;
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    static String intentEvent(String eventId, String type, Created c, long created) {
        ObjectNode obj = JSON.createObjectNode()
                .put("id", c.paymentIntentId()).put("object", "payment_intent").put("amount", 1250)
                .put("status", type.substring("payment_intent.".length()));
        obj.putObject("metadata").put("paymentId", c.paymentId().toString());
        if (type.equals("payment_intent.payment_failed")) {
            obj.putObject("last_payment_error").put("message", "Your card was declined.");
        }
        return event(eventId, type, created, obj);
    }

    static String event(String eventId, String type, long created, ObjectNode object) {
        ObjectNode root = JSON.createObjectNode().put("id", eventId).put("object", "event").put("type", type)
                .put("created", created).put("api_version", "2099-01-01.future").put("livemode", false);
        root.putObject("data").set("object", object);
        return root.toString();
    }

    static Response webhook(String payload) {
        return given().contentType(ContentType.JSON).header("Stripe-Signature", StripeMock.sign(payload))
                .body(payload).post("/api/payments/webhook");
    }

    static RowSet<Row> query(String sql, Tuple args) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10));
    }

    static long count(String sql, Tuple args) {
        return query(sql, args).iterator().next().getLong(0);
    }

    static String status(UUID paymentId) {
        return query("SELECT status FROM payments WHERE id = $1", Tuple.of(paymentId)).iterator().next()
                .getString(0);
    }
}
