package dev.festival.realtime;

import static dev.festival.realtime.SocketClients.POLLING_THEN_WEBSOCKET;
import static dev.festival.realtime.SocketClients.WEBSOCKET_ONLY;
import static dev.festival.realtime.SocketClients.json;
import static dev.festival.support.PackagedServer.createFestival;
import static dev.festival.support.PackagedServer.login;
import static dev.festival.support.PackagedServer.register;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.realtime.SocketClients.Client;
import dev.festival.support.PackagedPods;
import dev.festival.support.PackagedServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
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
    void aLogoutOnPodAStopsTheAccessTokenOnPodBAtOnce() throws Exception {
        Response registered = register(portA, "it-revoke");
        String token = registered.path("accessToken");
        String refresh = registered.path("refreshToken");
        // pod B now trusts its local "live" answer for this session (10 minutes in these pods)
        for (int i = 0; i < 3; i++) {
            given().port(portB).header("Authorization", "Bearer " + token).get("/api/auth/me").then().statusCode(200);
        }
        given().port(portA).header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(refresh == null ? Map.of() : Map.of("refreshToken", refresh))
                .post("/api/auth/logout").then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
        int status;
        do {
            status = given().port(portB).header("Authorization", "Bearer " + token).get("/api/auth/me").statusCode();
        } while (status == 200 && System.nanoTime() < deadline);
        assertEquals(401, status, "pod B refuses the token of a session revoked on pod A");
    }

    @Test
    void aBroadcastSentOnPodAReachesAClientOnPodBWithinASecond() throws Exception {
        String admin = login(portA, ADMIN_EMAIL, ADMIN_PASSWORD);
        UUID festival = createFestival(portA, admin);
        String fan = register(portB, "it-fan").path("accessToken");

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
        UUID ticket = PackagedServer.soldTicket(schema, festival, UUID.fromString(fan.path("user.id")));
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
}
