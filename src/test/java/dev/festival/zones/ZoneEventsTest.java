package dev.festival.zones;

import static dev.festival.zones.ZoneTestSupport.category;
import static dev.festival.zones.ZoneTestSupport.scan;
import static dev.festival.zones.ZoneTestSupport.scene;
import static dev.festival.zones.ZoneTestSupport.zone;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.realtime.GateScanPort;
import dev.festival.common.realtime.SocketCaller;
import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import dev.festival.zones.OccupancyBroadcaster.OccupancyUpdate;
import dev.festival.zones.RecordingPublisher.Published;
import dev.festival.zones.ZoneTestSupport.Scene;
import dev.festival.zones.dto.ScanResult;
import dev.festival.zones.dto.ZoneAlertView;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the gate tells the Socket.IO /zones namespace, and the namespace's scan through GateScanPort. */
@QuarkusTest
@TestProfile(ZoneEventsTest.Profile.class)
class ZoneEventsTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(RecordingPublisher.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("festival.zones.occupancy-update-interval", "300ms");
        }
    }

    @Inject
    RecordingPublisher recorder;

    @Inject
    GateScanPort gateScans;

    @Inject
    OccupancyBroadcaster broadcaster;

    private List<Published> of(UUID zoneId, String event) {
        return recorder.published().stream().filter(p -> p.event().equals(event))
                .filter(p -> p.payload() instanceof OccupancyUpdate u ? u.zoneId().equals(zoneId)
                        : p.payload() instanceof ZoneAlertView a && a.zoneId().equals(zoneId))
                .toList();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void scansPublishCoalescedOccupancyUpdatesAndAlertsToBothRooms() throws Exception {
        Scene s = scene();
        List<UUID> tickets = ZoneTestSupport.tickets(s.festivalId(), category(s.festivalId(), "STANDARD"),
                Fixtures.user(), 5, "SOLD");
        UUID z = zone(s.owner(), s.festivalId(), 5);
        for (int i = 0; i < 4; i++) {
            scan(s.security(), z, tickets.get(i), "IN").then().body("allowed", equalTo(true));
        }
        String zoneRoom = "zone:" + s.festivalId() + ":" + z;
        String festivalRoom = "festival:" + s.festivalId() + ":zones";

        // 4/5 = 80 %: one warning, at once, to both rooms
        List<Published> alerts = of(z, "zone_alert");
        assertEquals(2, alerts.size());
        assertEquals(Set.of(zoneRoom, festivalRoom), Set.of(alerts.get(0).room(), alerts.get(1).room()));
        ZoneAlertView alert = (ZoneAlertView) alerts.get(0).payload();
        assertEquals("capacity_warning", alert.type());
        assertEquals("warning", alert.level());
        assertEquals(s.festivalId(), alert.festivalId());
        assertEquals("/zones", alerts.get(0).namespace());

        waitFor(() -> of(z, "occupancy_update").stream()
                .anyMatch(p -> ((OccupancyUpdate) p.payload()).currentOccupancy() == 4));
        List<Published> updates = of(z, "occupancy_update");
        // at most one update per room per scan (fewer when scans land within one interval)
        assertTrue(updates.size() >= 2 && updates.size() <= 8, "updates: " + updates.size());
        OccupancyUpdate last = (OccupancyUpdate) updates.get(updates.size() - 1).payload();
        assertEquals(4, last.currentOccupancy());
        assertEquals(5, last.maxCapacity());
        assertEquals(80.0, last.occupancyPercentage());
        assertEquals("warning", last.status());
        assertEquals("increasing", last.trend());
        assertEquals(4, last.entriesLastHour());
        assertEquals(0, last.exitsLastHour());
        assertTrue(updates.stream().anyMatch(p -> p.room().equals(festivalRoom)));
        assertTrue(updates.stream().anyMatch(p -> p.room().equals(zoneRoom)));

        // a refused scan publishes nothing
        int before = recorder.published().size();
        scan(s.security(), z, tickets.get(0), "IN").then().body("reason", equalTo("already_inside"));
        Thread.sleep(400);
        assertEquals(before, recorder.published().size());

        // a burst of changes within one interval is one update per room
        int base = of(z, "occupancy_update").size();
        for (int i = 0; i < 50; i++) {
            broadcaster.changed(z);
        }
        waitFor(() -> of(z, "occupancy_update").size() >= base + 2);
        Thread.sleep(600);
        assertEquals(base + 2, of(z, "occupancy_update").size());
    }

    @Test
    void theSocketScanGivesTheRestAnswerAndTheSameRefusals() {
        Scene s = scene();
        UUID t = ZoneTestSupport.ticket(s.festivalId(), category(s.festivalId(), "STANDARD"), Fixtures.user());
        UUID z = zone(s.owner(), s.festivalId(), 10);
        SocketCaller security = new SocketCaller(s.security().id(), s.security().email(), Role.SECURITY);

        Object answer = gateScans.scan(security, z, new JsonObject().put("ticketId", t.toString())
                .put("direction", "IN").put("deviceId", "socket-gate")).await().atMost(Duration.ofSeconds(10));
        ScanResult r = assertInstanceOf(ScanResult.class, answer);
        assertTrue(r.allowed());
        assertEquals("ok", r.reason());
        assertEquals(1, r.occupancy());
        ScanResult again = (ScanResult) gateScans.scan(security, z, new JsonObject().put("ticketId", t.toString())
                .put("action", "ENTRY")).await().atMost(Duration.ofSeconds(10));
        assertEquals("already_inside", again.reason());

        SocketCaller stranger = new SocketCaller(scene().security().id(), "x@festival.test", Role.SECURITY);
        ApiException e = assertThrows(ApiException.class, () -> gateScans.scan(stranger, z,
                new JsonObject().put("ticketId", t.toString())).await().atMost(Duration.ofSeconds(10)));
        assertEquals(ErrorCode.NOT_FESTIVAL_MEMBER, e.code());
        ApiException bad = assertThrows(ApiException.class, () -> gateScans.scan(security, z,
                new JsonObject().put("ticketId", 42)).await().atMost(Duration.ofSeconds(10)));
        assertEquals(ErrorCode.VALIDATION_FAILED, bad.code());
        ApiException missing = assertThrows(ApiException.class, () -> gateScans.scan(security, UUID.randomUUID(),
                new JsonObject().put("ticketId", t.toString())).await().atMost(Duration.ofSeconds(10)));
        assertEquals(ErrorCode.NOT_FOUND, missing.code());
        SocketCaller admin = new SocketCaller(Fixtures.admin().id(), "a@festival.test", Role.ADMIN);
        ScanResult out = (ScanResult) gateScans.scan(admin, z, new JsonObject().put("ticketId", t.toString())
                .put("direction", "out")).await().atMost(Duration.ofSeconds(10));
        assertTrue(out.allowed());
        assertEquals(0, out.occupancy());
    }
}
