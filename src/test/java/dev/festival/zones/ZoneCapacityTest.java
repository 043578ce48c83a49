package dev.festival.zones;

import static dev.festival.zones.ZoneTestSupport.alerts;
import static dev.festival.zones.ZoneTestSupport.category;
import static dev.festival.zones.ZoneTestSupport.inside;
import static dev.festival.zones.ZoneTestSupport.occupancy;
import static dev.festival.zones.ZoneTestSupport.scan;
import static dev.festival.zones.ZoneTestSupport.scene;
import static dev.festival.zones.ZoneTestSupport.zone;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.festival.support.Fixtures;
import dev.festival.zones.ZoneTestSupport.Scene;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Capacity, anti-passback under concurrency, alerts and offline uploads, on the real PostgreSQL. */
@QuarkusTest
class ZoneCapacityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/zones/")
    URL zonesUrl;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Fires the bodies at the zone's scan endpoint all at once; answers the parsed bodies (status must be 200). */
    private List<JsonNode> fire(String token, UUID zoneId, List<String> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(bodies.size(), 64));
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (String body : bodies) {
                futures.add(pool.submit(() -> {
                    HttpRequest req = HttpRequest.newBuilder(URI.create(zonesUrl + zoneId.toString() + "/scan"))
                            .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    start.await();
                    return http.send(req, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<JsonNode> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                assertEquals(200, r.statusCode(), r.body());
                answers.add(JSON.readTree(r.body()));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long admitted(List<JsonNode> answers) {
        return answers.stream().filter(a -> a.get("allowed").asBoolean()).count();
    }

    @Test
    void aHundredConcurrentScansOfOneTicketAdmitItOnce() throws Exception {
        Scene s = scene();
        UUID t = ZoneTestSupport.ticket(s.festivalId(), category(s.festivalId(), "STANDARD"), Fixtures.user());
        UUID z = zone(s.owner(), s.festivalId(), (Integer) null);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            bodies.add("{\"ticketId\":\"" + t + "\",\"direction\":\"IN\",\"deviceId\":\"gate-" + (i % 8) + "\"}");
        }
        List<JsonNode> answers = fire(s.security().accessToken(), z, bodies);
        assertEquals(1, admitted(answers));
        assertEquals(99, answers.stream().filter(a -> "already_inside".equals(a.get("reason").asText())).count());
        assertEquals(1, occupancy(z));
        assertEquals(1, inside(z));

        // and 100 concurrent exits let it out once
        List<String> exits = bodies.stream().map(b -> b.replace("\"IN\"", "\"OUT\"")).toList();
        List<JsonNode> out = fire(s.staff().accessToken(), z, exits);
        assertEquals(1, admitted(out));
        assertEquals(99, out.stream().filter(a -> "not_inside".equals(a.get("reason").asText())).count());
        assertEquals(0, occupancy(z));
        assertEquals(0, inside(z));
    }

    @Test
    void aZoneOfFiftyAdmitsExactlyFiftyOfAHundredAndTwentyConcurrentEntries() throws Exception {
        Scene s = scene();
        List<UUID> tickets = ZoneTestSupport.tickets(s.festivalId(), category(s.festivalId(), "STANDARD"),
                Fixtures.user(), 120, "SOLD");
        UUID z = zone(s.owner(), s.festivalId(), 50);
        List<String> bodies = tickets.stream()
                .map(t -> "{\"ticketId\":\"" + t + "\",\"direction\":\"IN\",\"deviceId\":\"gate\"}").toList();
        List<JsonNode> answers = fire(s.security().accessToken(), z, bodies);
        assertEquals(50, admitted(answers));
        assertEquals(70, answers.stream().filter(a -> "zone_full".equals(a.get("reason").asText())).count());
        assertEquals(50, occupancy(z));
        assertEquals(50, inside(z));
        assertTrue(answers.stream().allMatch(a -> a.get("occupancy").asInt() <= 50));
        assertEquals(120, ZoneTestSupport.count("SELECT count(*) FROM zone_access_logs WHERE zone_id = $1",
                Tuple.of(z)));
        // the three thresholds were crossed once each
        assertEquals(3, alerts(z));
        scan(s.security(), z, tickets.get(0), "IN").then().body("reason",
                org.hamcrest.Matchers.anyOf(equalTo("zone_full"), equalTo("already_inside")));
    }

    @Test
    void alertsFireOncePerThresholdCrossingAndRearmBelowIt() {
        Scene s = scene();
        List<UUID> t = ZoneTestSupport.tickets(s.festivalId(), category(s.festivalId(), "STANDARD"), Fixtures.user(),
                25, "SOLD");
        UUID z = zone(s.owner(), s.festivalId(), 20);   // warning at 16, critical at 19, full at 20
        for (int i = 0; i < 15; i++) {
            scan(s.security(), z, t.get(i), "IN").then().body("allowed", equalTo(true)).body("alert", nullValue());
        }
        assertEquals(0, alerts(z));
        scan(s.security(), z, t.get(15), "IN").then().body("allowed", equalTo(true))
                .body("alert.type", equalTo("capacity_warning")).body("alert.level", equalTo("warning"))
                .body("alert.zoneId", equalTo(z.toString())).body("zone.isNearCapacity", equalTo(true));
        scan(s.security(), z, t.get(16), "IN").then().body("alert", nullValue());
        scan(s.security(), z, t.get(17), "IN").then().body("alert", nullValue());
        assertEquals(1, alerts(z));
        scan(s.security(), z, t.get(18), "IN").then().body("alert.type", equalTo("capacity_critical"))
                .body("alert.level", equalTo("critical"));
        scan(s.security(), z, t.get(19), "IN").then().body("alert.type", equalTo("capacity_critical"))
                .body("zone.isAtCapacity", equalTo(true)).body("occupancy", equalTo(20));
        scan(s.security(), z, t.get(20), "IN").then().body("allowed", equalTo(false)).body("reason", equalTo("zone_full"))
                .body("alert", nullValue());
        assertEquals(3, alerts(z));

        // back to 19 and up to 20 again: the full alert re-arms; 95 % was never left, so it does not repeat
        scan(s.security(), z, t.get(0), "OUT").then().body("allowed", equalTo(true));
        scan(s.security(), z, t.get(20), "IN").then().body("allowed", equalTo(true))
                .body("alert.message", org.hamcrest.Matchers.containsString("full"));
        assertEquals(4, alerts(z));
        // down to 15 (below 80 %) and up to 16 again: a new warning
        for (int i = 1; i <= 5; i++) {
            scan(s.security(), z, t.get(i), "OUT").then().body("allowed", equalTo(true)).body("alert", nullValue());
        }
        assertEquals(15, occupancy(z));
        scan(s.security(), z, t.get(1), "IN").then().body("alert.type", equalTo("capacity_warning"));
        assertEquals(5, alerts(z));

        s.security().request().get("/api/zones/" + z + "/alerts").then().statusCode(200)
                .body("meta.total", equalTo(5)).body("data[0].type", equalTo("capacity_warning"))
                .body("data[0].zoneName", org.hamcrest.Matchers.notNullValue());
        s.staff().request().get("/api/festivals/" + s.festivalId() + "/zones/alerts?limit=2").then().statusCode(200)
                .body("meta.total", equalTo(5)).body("data.size()", equalTo(2));
        Fixtures.user().request().get("/api/zones/" + z + "/alerts").then().statusCode(403);
    }

    @Test
    void anOfflineBatchIsAppliedInOrderAndIdempotently() {
        Scene s = scene();
        List<UUID> t = ZoneTestSupport.tickets(s.festivalId(), category(s.festivalId(), "STANDARD"), Fixtures.user(),
                3, "SOLD");
        UUID z = zone(s.owner(), s.festivalId(), 2);
        String device = "scanner-" + UUID.randomUUID();
        List<Map<String, Object>> scans = List.of(
                item("1", t.get(0), "IN", "2025-06-01T10:00:00Z", null),
                item("2", t.get(1), "ENTRY", null, null),
                item("3", t.get(0), "IN", null, true),     // already inside: a conflict with the scanner's decision
                item("4", t.get(2), "IN", null, null),     // full
                item("5", t.get(1), "OUT", null, null),
                item("6", t.get(2), "IN", null, null));    // now there is room
        Map<String, Object> body = Map.of("deviceId", device, "scans", scans);

        JsonNode first = JSON.valueToTree(s.security().request().body(body).post("/api/zones/" + z + "/scans/batch")
                .then().statusCode(200).extract().as(Map.class));
        assertEquals(List.of("ok", "ok", "already_inside", "zone_full", "ok", "ok"), reasons(first));
        assertEquals(6, first.at("/summary/total").asInt());
        assertEquals(4, first.at("/summary/allowed").asInt());
        assertEquals(0, first.at("/summary/duplicates").asInt());
        assertEquals(2, first.at("/summary/conflicts").asInt());
        assertTrue(first.at("/results/2/conflict").asBoolean());
        assertEquals(2, occupancy(z));

        // the same upload again: every scan is a duplicate, nothing changes
        JsonNode again = JSON.valueToTree(s.security().request().body(body).post("/api/zones/" + z + "/scans/batch")
                .then().statusCode(200).extract().as(Map.class));
        assertEquals(reasons(first), reasons(again));
        assertEquals(6, again.at("/summary/duplicates").asInt());
        assertEquals(0, again.at("/summary/applied").asInt());
        assertEquals(2, occupancy(z));
        assertEquals(6, ZoneTestSupport.count("SELECT count(*) FROM zone_access_logs WHERE zone_id = $1", Tuple.of(z)));
        // the scanner's clock is kept
        Row r = ZoneTestSupport.query("SELECT scanned_at FROM zone_access_logs WHERE device_id = $1 AND client_scan_id = '1'",
                Tuple.of(device)).iterator().next();
        assertEquals(java.time.Instant.parse("2025-06-01T10:00:00Z"), r.getOffsetDateTime(0).toInstant());

        // a bare array works too; an invalid item applies nothing
        s.security().request().body(List.of(Map.of("id", 7, "ticketId", t.get(0).toString(), "direction", "OUT",
                        "deviceId", device)))
                .post("/api/zones/" + z + "/scans/batch").then().statusCode(200).body("results[0].allowed", equalTo(true));
        s.security().request().body(Map.of("scans", List.of(
                        Map.of("clientScanId", "8", "ticketId", t.get(0).toString(), "deviceId", device),
                        Map.of("ticketId", t.get(1).toString(), "deviceId", device))))
                .post("/api/zones/" + z + "/scans/batch").then().statusCode(400)
                .body("details.fields[0].field", equalTo("scans[1].clientScanId"));
        assertEquals(1, occupancy(z));
        Fixtures.user().request().body(body).post("/api/zones/" + z + "/scans/batch").then().statusCode(403);
    }

    private static Map<String, Object> item(String id, UUID ticket, String direction, String at, Boolean allowed) {
        Map<String, Object> m = new HashMap<>();
        m.put("clientScanId", id);
        m.put("ticketId", ticket.toString());
        m.put("direction", direction);
        if (at != null) {
            m.put("scannedAt", at);
        }
        if (allowed != null) {
            m.put("allowed", allowed);
        }
        return m;
    }

    private static List<String> reasons(JsonNode batch) {
        List<String> out = new ArrayList<>();
        batch.get("results").forEach(i -> out.add(i.get("reason").asText()));
        return out;
    }
}
