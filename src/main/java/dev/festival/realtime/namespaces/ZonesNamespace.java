package dev.festival.realtime.namespaces;

import dev.festival.common.error.ApiException;
import dev.festival.common.realtime.GateScanPort;
import dev.festival.common.realtime.RealtimePublisher;
import dev.festival.common.realtime.ZoneOccupancyPort;
import dev.festival.realtime.socketio.EventArgs;
import dev.festival.realtime.socketio.NamespaceHandler;
import dev.festival.realtime.socketio.Socket;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /zones}: live occupancy for the crew of a festival, and gate scans by acknowledgement.
 * The zones feature publishes {@code occupancy_update}, {@code zone_alert}, {@code zone_event},
 * {@code zone_status_change} to {@code festival:<id>:zones} and {@code zone:<festivalId>:<zoneId>};
 * {@code scan} and {@code get_all_occupancy} go to it through {@link GateScanPort} and
 * {@link ZoneOccupancyPort}. Every request needs crew of the festival (org, STAFF, SECURITY, CASHIER).
 */
@ApplicationScoped
public class ZonesNamespace implements NamespaceHandler {
    static final String NAME = "/zones";

    @Inject
    RoomAccess rooms;

    @Inject
    GateScanPort gates;

    @Inject
    ZoneOccupancyPort occupancy;

    @Inject
    ZoneAlertLog alerts;

    @Inject
    StaffPositions positions;

    @Inject
    RealtimePublisher publisher;

    @RegisterForReflection
    public record Subscription(boolean success, UUID festivalId, UUID zoneId, String room) {}

    @RegisterForReflection
    public record Occupancy(UUID festivalId, List<?> zones, String timestamp) {}

    @RegisterForReflection
    public record Done(boolean success) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, EventHandler> events() {
        return Map.of(
                "subscribe_zone", this::subscribe,
                "unsubscribe_zone", this::unsubscribe,
                "get_all_occupancy", this::allOccupancy,
                "get_alerts", this::getAlerts,
                "acknowledge_alert", this::acknowledgeAlert,
                "update_position", this::updatePosition,
                "get_staff_positions", this::staffPositions,
                "scan", this::scan);
    }

    private static String room(UUID festivalId, UUID zoneId) {
        return zoneId == null ? RoomAccess.festivalZones(festivalId) : RoomAccess.zone(festivalId, zoneId);
    }

    private Uni<Subscription> subscribe(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        UUID zoneId = args.optionalUuid("zoneId");
        return rooms.requireCrew(socket.caller(), festivalId).map(grant -> {
            String room = room(festivalId, zoneId);
            socket.join(room);
            return new Subscription(true, festivalId, zoneId, room);
        });
    }

    private Uni<Subscription> unsubscribe(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        UUID zoneId = args.optionalUuid("zoneId");
        String room = room(festivalId, zoneId);
        boolean was = socket.inRoom(room);
        socket.leave(room);
        return Uni.createFrom().item(new Subscription(was, festivalId, zoneId, room));
    }

    private Uni<Occupancy> allOccupancy(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        return rooms.requireCrew(socket.caller(), festivalId)
                .flatMap(grant -> occupancy.occupancy(socket.caller(), festivalId))
                .map(zones -> new Occupancy(festivalId, zones, Instant.now().toString()));
    }

    private Uni<JsonObject> getAlerts(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        return rooms.requireCrew(socket.caller(), festivalId)
                .flatMap(grant -> alerts.recent(festivalId))
                .map(list -> new JsonObject().put("festivalId", festivalId.toString()).put("alerts", list));
    }

    private Uni<JsonObject> acknowledgeAlert(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        String alertId = args.requiredString("alertId", 100);
        return rooms.requireCrew(socket.caller(), festivalId)
                .flatMap(grant -> alerts.acknowledge(festivalId, alertId, socket.caller().userId()))
                .map(ack -> {
                    publisher.publish(NAME, RoomAccess.festivalZones(festivalId), "alert_acknowledged", ack);
                    return ack.copy().put("success", true);
                });
    }

    private Uni<Done> updatePosition(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        Double latitude = args.optionalNumber("latitude");
        Double longitude = args.optionalNumber("longitude");
        if (latitude == null || latitude < -90 || latitude > 90) {
            throw ApiException.invalidField("latitude", "must be a number between -90 and 90");
        }
        if (longitude == null || longitude < -180 || longitude > 180) {
            throw ApiException.invalidField("longitude", "must be a number between -180 and 180");
        }
        UUID zoneId = args.optionalUuid("zoneId");
        Double accuracy = args.optionalNumber("accuracy");
        return rooms.requireCrew(socket.caller(), festivalId).flatMap(grant -> {
            Instant now = Instant.now();
            JsonObject position = new JsonObject()
                    .put("userId", socket.caller().userId().toString())
                    .put("email", socket.caller().email())
                    .put("role", grant.memberRole() == null ? socket.caller().role().name() : grant.memberRole().name())
                    .put("festivalId", festivalId.toString())
                    .put("zoneId", zoneId == null ? null : zoneId.toString())
                    .put("latitude", latitude).put("longitude", longitude).put("accuracy", accuracy)
                    .put("updatedAt", now.toString()).put("updatedAtMs", now.toEpochMilli());
            return positions.update(festivalId, socket.caller().userId(), position).map(v -> {
                publisher.publish(NAME, RoomAccess.festivalZones(festivalId), "staff_position_update", position);
                return new Done(true);
            });
        });
    }

    private Uni<JsonObject> staffPositions(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        return rooms.requireCrew(socket.caller(), festivalId)
                .flatMap(grant -> positions.current(festivalId))
                .map(list -> new JsonObject().put("festivalId", festivalId.toString()).put("positions", list));
    }

    /** Same body and answer as POST /api/zones/:id/scan; the zones feature decides. */
    private Uni<Object> scan(Socket socket, EventArgs args) {
        UUID zoneId = args.uuid("zoneId");
        return gates.scan(socket.caller(), zoneId, args.body());
    }
}
