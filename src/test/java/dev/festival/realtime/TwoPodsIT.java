package dev.festival.realtime;

import static dev.festival.realtime.SocketClients.POLLING_THEN_WEBSOCKET;
import static dev.festival.realtime.SocketClients.WEBSOCKET_ONLY;
import static dev.festival.realtime.SocketClients.json;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.realtime.SocketClients.Client;
import dev.festival.support.PackagedPods;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged server (two ports, one PostgreSQL schema, one Redis, one JWT key pair),
 * as two pods behind an ingress: an event sent through pod A reaches a Socket.IO client on pod B within
 * a second (Redis pub/sub), and a client on pod A gets it exactly once. Runs in {@code mvn verify}
 * (failsafe) on the pods of {@link PackagedPods}.
 */
class TwoPodsIT {
    private static final String ADMIN_EMAIL = PackagedPods.ADMIN_EMAIL;
    private static final String ADMIN_PASSWORD = PackagedPods.ADMIN_PASSWORD;
    private static int portA;
    private static int portB;
    private static String schema;

    @BeforeAll
    static void startTwoPods() throws Exception {
        PackagedPods.Pods pods = PackagedPods.shared();
        portA = pods.portA();
        portB = pods.portB();
        schema = pods.schema();
    }

    @Test
    void aBroadcastSentOnPodAReachesAClientOnPodBWithinASecond() throws Exception {
        String admin = login(portA, ADMIN_EMAIL, ADMIN_PASSWORD);
        UUID festival = createFestival(portA, admin);
        String fan = register(portB);

        try (Client onB = SocketClients.connect(portB, "/broadcast", fan, POLLING_THEN_WEBSOCKET);
             Client alsoOnA = SocketClients.connect(portA, "/api/broadcast", fan, WEBSOCKET_ONLY);
             Client sender = SocketClients.connect(portA, "/broadcast", admin, WEBSOCKET_ONLY)) {
            assertTrue(onB.request("subscribe", json("festivalId", festival)).getBoolean("success"));
            assertTrue(alsoOnA.request("subscribe", json("festivalId", festival)).getBoolean("success"));

            for (int i = 0; i < 3; i++) {
                long sentAt = System.nanoTime();
                JSONObject ack = sender.request("send_broadcast",
                        json("festivalId", festival, "title", "Gates", "message", "Gates open #" + i));
                assertTrue(ack.getBoolean("success"), ack.toString());
                JSONObject received = onB.next("broadcast", Duration.ofSeconds(1));
                long millis = (System.nanoTime() - sentAt) / 1_000_000;
                assertEquals("Gates open #" + i, received.getString("message"));
                assertTrue(millis < 1000, "delivered across pods in " + millis + " ms");
                assertEquals("Gates open #" + i, alsoOnA.next("broadcast", Duration.ofSeconds(1)).getString("message"));
            }
            alsoOnA.expectNone("broadcast", Duration.ofMillis(500)); // the sending pod delivers once, not twice
            onB.expectNone("broadcast", Duration.ofMillis(100));

            // and back: an emergency sent on pod B reaches the client on pod A
            String adminOnB = login(portB, ADMIN_EMAIL, ADMIN_PASSWORD);
            try (Client senderB = SocketClients.connect(portB, "/broadcast", adminOnB, WEBSOCKET_ONLY)) {
                senderB.request("send_emergency", json("festivalId", festival, "level", "warning",
                        "title", "Wind", "message", "Secure the tents"));
                assertEquals("Secure the tents", alsoOnA.next("emergency_alert", Duration.ofSeconds(1)).getString("message"));
            }
        }
    }

    @Test
    void aRestScanOnPodAUpdatesAZoneDashboardOnPodBWithinASecond() throws Exception {
        String admin = login(portA, ADMIN_EMAIL, ADMIN_PASSWORD);
        UUID festival = createFestival(portA, admin);
        Response fan = given().port(portB).contentType(ContentType.JSON)
                .body(Map.of("email", "it-gate-" + UUID.randomUUID() + "@festival.test", "password", "Festival2025!",
                        "firstName", "Gate", "lastName", "Goer"))
                .post("/api/auth/register");
        assertEquals(201, fan.statusCode(), fan.asString());
        UUID ticket = soldTicket(festival, UUID.fromString(fan.path("user.id")));
        Response zone = given().port(portA).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Main stage", "capacity", 100)).post("/api/festivals/" + festival + "/zones");
        assertEquals(201, zone.statusCode(), zone.asString());
        String zoneId = zone.path("id");

        String adminOnB = login(portB, ADMIN_EMAIL, ADMIN_PASSWORD);
        try (Client dashboardOnB = SocketClients.connect(portB, "/zones", adminOnB, WEBSOCKET_ONLY)) {
            assertTrue(dashboardOnB.request("subscribe_zone", json("festivalId", festival, "zoneId", zoneId))
                    .getBoolean("success"));
            long sentAt = System.nanoTime();
            Response scan = given().port(portA).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                    .body(Map.of("ticketId", ticket.toString(), "direction", "IN", "deviceId", "gate-a"))
                    .post("/api/zones/" + zoneId + "/scan");
            assertEquals(200, scan.statusCode(), scan.asString());
            assertEquals(Boolean.TRUE, scan.path("allowed"), scan.asString());
            JSONObject update = dashboardOnB.next("occupancy_update", Duration.ofSeconds(1));
            long millis = (System.nanoTime() - sentAt) / 1_000_000;
            assertEquals(zoneId, update.getString("zoneId"));
            assertEquals(1, update.getInt("currentOccupancy"));
            assertTrue(millis < 1000, "occupancy_update across pods in " + millis + " ms");
        }
    }

    /** A SOLD ticket of a free category, written straight into the pods' schema. */
    private static UUID soldTicket(UUID festival, UUID holder) throws Exception {
        UUID category = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        try (Connection db = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema, "postgres", "");
             Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO ticket_categories (id, festival_id, name, type, price_cents, currency, quota, sold_count)"
                    + " VALUES ('" + category + "', '" + festival + "', 'Gate pass', 'STANDARD', 0, 'EUR', 100, 1)");
            sql.execute("INSERT INTO ticket_orders (id, user_id, festival_id, category_id, quantity, unit_price_cents,"
                    + " subtotal_cents, total_cents, currency, status, paid_at) VALUES ('" + order + "', '" + holder
                    + "', '" + festival + "', '" + category + "', 1, 0, 0, 0, 'EUR', 'PAID', now())");
            sql.execute("INSERT INTO tickets (id, festival_id, category_id, order_id, user_id, status, purchase_price_cents)"
                    + " VALUES ('" + ticket + "', '" + festival + "', '" + category + "', '" + order + "', '" + holder
                    + "', 'SOLD', 0)");
        }
        return ticket;
    }

    private static String login(int port, String email, String password) {
        Response login = given().port(port).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login");
        assertEquals(200, login.statusCode(), login.asString());
        return login.path("accessToken");
    }

    private static String register(int port) {
        Response reg = given().port(port).contentType(ContentType.JSON)
                .body(Map.of("email", "it-fan-" + UUID.randomUUID() + "@festival.test", "password", "Festival2025!",
                        "firstName", "Fan", "lastName", "B"))
                .post("/api/auth/register");
        assertEquals(201, reg.statusCode(), reg.asString());
        return reg.path("accessToken");
    }

    private static UUID createFestival(int port, String token) {
        OffsetDateTime start = OffsetDateTime.now().plusDays(30);
        Response created = given().port(port).header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("name", "Two pods " + UUID.randomUUID(), "location", "Here",
                        "startDate", start.toString(), "endDate", start.plusDays(2).toString(), "status", "PUBLISHED"))
                .post("/api/festivals");
        assertEquals(201, created.statusCode(), created.asString());
        return UUID.fromString(created.path("id"));
    }
}
