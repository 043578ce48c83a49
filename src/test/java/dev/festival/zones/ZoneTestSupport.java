package dev.festival.zones;

import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.arc.Arc;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Festivals, categories, SOLD tickets (inserted in bulk) and zones for the zone tests. */
final class ZoneTestSupport {
    private ZoneTestSupport() {
    }

    /** A festival, its owner, a SECURITY member and a STAFF member. */
    record Scene(Account owner, Account security, Account staff, UUID festivalId) {
    }

    static Scene scene() {
        Account owner = Fixtures.organizer();
        UUID festivalId = Fixtures.festival(owner);
        Account security = Fixtures.account(dev.festival.common.security.Role.SECURITY);
        Fixtures.member(festivalId, security, dev.festival.common.security.Role.SECURITY);
        Account staff = Fixtures.account(dev.festival.common.security.Role.STAFF);
        Fixtures.member(festivalId, staff, dev.festival.common.security.Role.STAFF);
        return new Scene(owner, security, staff, festivalId);
    }

    /** A free category of the given type, inserted directly. */
    static UUID category(UUID festivalId, String type) {
        UUID id = UUID.randomUUID();
        Fixtures.sql("""
                INSERT INTO ticket_categories (id, festival_id, name, type, price_cents, currency, quota)
                VALUES ($1, $2, $3, $4, 0, 'EUR', 1000000)""",
                Tuple.of(id, festivalId, "Zone pass " + id.toString().substring(0, 8), type));
        return id;
    }

    /** {@code n} tickets of the category held by {@code holder}, in the given status, inserted in one statement. */
    static List<UUID> tickets(UUID festivalId, UUID categoryId, Account holder, int n, String status) {
        UUID orderId = UUID.randomUUID();
        RowSet<Row> rows = query("""
                WITH o AS (
                    INSERT INTO ticket_orders (id, user_id, festival_id, category_id, quantity, unit_price_cents,
                                               subtotal_cents, total_cents, currency, status, paid_at)
                    VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 'EUR', 'PAID', now()) RETURNING id),
                c AS (UPDATE ticket_categories SET sold_count = sold_count + $5 WHERE id = $4)
                INSERT INTO tickets (id, festival_id, category_id, order_id, user_id, status, purchase_price_cents)
                SELECT gen_random_uuid(), $3, $4, o.id, $2, $6, 0 FROM o, generate_series(1, $5)
                RETURNING id""",
                Tuple.of(orderId, holder.id(), festivalId, categoryId, n, status));
        List<UUID> ids = new ArrayList<>();
        for (Row r : rows) {
            ids.add(r.getUUID("id"));
        }
        return ids;
    }

    static UUID ticket(UUID festivalId, UUID categoryId, Account holder) {
        return tickets(festivalId, categoryId, holder, 1, "SOLD").get(0);
    }

    static Map<String, Object> zoneBody(String name, Integer capacity) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("capacity", capacity);
        return b;
    }

    static UUID zone(Account owner, UUID festivalId, Map<String, Object> body) {
        Response r = owner.request().body(body).post("/api/festivals/" + festivalId + "/zones");
        if (r.statusCode() != 201) {
            throw new AssertionError("zone failed: " + r.statusCode() + " " + r.asString());
        }
        return UUID.fromString(r.path("id"));
    }

    static UUID zone(Account owner, UUID festivalId, Integer capacity) {
        return zone(owner, festivalId, zoneBody("Zone " + UUID.randomUUID().toString().substring(0, 8), capacity));
    }

    static Response scan(Account caller, UUID zoneId, UUID ticketId, String direction) {
        return caller.request().body(Map.of("ticketId", ticketId.toString(), "direction", direction,
                "deviceId", "gate-1")).post("/api/zones/" + zoneId + "/scan");
    }

    static Response scanQr(Account caller, UUID zoneId, String qr, String direction) {
        return caller.request().body(Map.of("qrCode", qr, "direction", direction)).post("/api/zones/" + zoneId + "/scan");
    }

    static RowSet<Row> query(String sql, Tuple args) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10));
    }

    static long count(String sql, Tuple args) {
        return query(sql, args).iterator().next().getLong(0);
    }

    static int occupancy(UUID zoneId) {
        return query("SELECT current_occupancy FROM zones WHERE id = $1", Tuple.of(zoneId)).iterator().next()
                .getInteger(0);
    }

    static long inside(UUID zoneId) {
        return count("SELECT count(*) FROM zone_presence WHERE zone_id = $1 AND inside", Tuple.of(zoneId));
    }

    static long alerts(UUID zoneId) {
        return count("SELECT count(*) FROM zone_alerts WHERE zone_id = $1", Tuple.of(zoneId));
    }
}
