package dev.festival.promocodes;

import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Promo code bodies with unique codes, and bare users for redemption tests. */
final class PromoSupport {
    private static final AtomicLong SEQ = new AtomicLong();

    private PromoSupport() {
    }

    static String uniqueCode(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36).toUpperCase() + SEQ.incrementAndGet();
    }

    static Map<String, Object> percent(UUID festivalId, String code, Object value) {
        Map<String, Object> b = new HashMap<>();
        b.put("festivalId", festivalId.toString());
        b.put("code", code);
        b.put("discountType", "PERCENTAGE");
        b.put("discountValue", value);
        return b;
    }

    static Map<String, Object> fixed(UUID festivalId, String code, Object value) {
        Map<String, Object> b = percent(festivalId, code, value);
        b.put("discountType", "FIXED_AMOUNT");
        return b;
    }

    /** Creates through the API as {@code org}; answers the id. */
    static String create(Account org, Map<String, Object> body) {
        return org.request().body(body).post("/api/promo-codes").then().statusCode(201).extract().path("id");
    }

    /** A user row only (no login), enough to own redemptions. */
    static UUID bareUser() {
        UUID id = UUID.randomUUID();
        Fixtures.sql("INSERT INTO users (id, email, password_hash, first_name, last_name) VALUES ($1, $2, 'x', 'P', 'U')",
                Tuple.of(id, Fixtures.uniqueEmail("promo")));
        return id;
    }

    static BigDecimal num(Response r, String path) {
        Object v = r.path(path);
        return v == null ? null : new BigDecimal(v.toString());
    }
}
