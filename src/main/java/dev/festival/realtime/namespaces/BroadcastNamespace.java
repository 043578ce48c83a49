package dev.festival.realtime.namespaces;

import dev.festival.common.error.ApiException;
import dev.festival.common.realtime.RealtimePublisher;
import dev.festival.common.realtime.SocketCaller;
import dev.festival.realtime.namespaces.BroadcastStore.BroadcastView;
import dev.festival.realtime.namespaces.BroadcastStore.NewBroadcast;
import dev.festival.realtime.socketio.EventArgs;
import dev.festival.realtime.socketio.NamespaceHandler;
import dev.festival.realtime.socketio.Socket;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /broadcast}: announcements and emergencies of a festival. Anyone who may see the festival
 * subscribes ({@code broadcast:<id>}, {@code emergency:<id>}; its crew also to crew-only
 * announcements); its org (ADMIN, owner, ORGANIZER members) sends. Everything sent is stored
 * ({@link BroadcastStore}) and fans out across pods through {@link RealtimePublisher}.
 * An announcement of category {@code schedule} is a schedule change: also sent as {@code schedule_change}.
 */
@ApplicationScoped
public class BroadcastNamespace implements NamespaceHandler {
    static final String NAME = "/broadcast";
    private static final Set<String> LEVELS = Set.of("info", "warning", "critical", "evacuation");
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    private static final Set<String> TARGETS = Set.of("all", "attendees", "staff", "crew");

    @Inject
    RoomAccess rooms;

    @Inject
    BroadcastStore store;

    @Inject
    RealtimePublisher publisher;

    @RegisterForReflection
    public record Subscribed(boolean success, UUID festivalId, List<String> rooms) {}

    @RegisterForReflection
    public record Active(UUID festivalId, List<BroadcastView> broadcasts, List<BroadcastView> emergencies) {}

    @RegisterForReflection
    public record ScheduleChanges(UUID festivalId, List<BroadcastView> changes) {}

    @RegisterForReflection
    public record Sent(boolean success, BroadcastView broadcast) {}

    @RegisterForReflection
    public record Done(boolean success) {}

    @RegisterForReflection
    public record Resolved(UUID id, UUID festivalId, String title, OffsetDateTime resolvedAt, UUID resolvedBy,
                           String message) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, EventHandler> events() {
        return Map.of(
                "subscribe", this::subscribe,
                "unsubscribe", this::unsubscribe,
                "mark_read", (socket, args) -> store.receipt(args.uuid("broadcastId"), socket.caller().userId(), false)
                        .map(v -> new Done(true)),
                "dismiss", (socket, args) -> store.receipt(args.uuid("broadcastId"), socket.caller().userId(), true)
                        .map(v -> new Done(true)),
                "get_active", this::getActive,
                "get_schedule_changes", this::getScheduleChanges,
                "send_broadcast", this::sendBroadcast,
                "send_emergency", this::sendEmergency,
                "resolve_emergency", this::resolveEmergency);
    }

    private Uni<Subscribed> subscribe(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        return rooms.requireVisible(socket.caller(), festivalId).flatMap(grant -> {
            List<String> joined = new ArrayList<>(List.of(RoomAccess.broadcast(festivalId), RoomAccess.emergency(festivalId)));
            if (grant.isCrew()) {
                joined.add(RoomAccess.broadcastCrew(festivalId));
            }
            joined.forEach(socket::join);
            // what is in force right now, so a late subscriber is in sync
            return active(socket.caller(), festivalId, grant.isCrew()).map(active -> {
                socket.emit("sync", active);
                return new Subscribed(true, festivalId, joined);
            });
        });
    }

    private Uni<Subscribed> unsubscribe(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        List<String> left = List.of(RoomAccess.broadcast(festivalId), RoomAccess.emergency(festivalId),
                RoomAccess.broadcastCrew(festivalId));
        left.forEach(socket::leave);
        return Uni.createFrom().item(new Subscribed(true, festivalId, left));
    }

    private Uni<Active> getActive(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        return rooms.requireVisible(socket.caller(), festivalId)
                .flatMap(grant -> active(socket.caller(), festivalId, grant.isCrew()));
    }

    private Uni<Active> active(SocketCaller caller, UUID festivalId, boolean crew) {
        return store.active(festivalId, caller.userId(), crew).map(all -> new Active(festivalId,
                all.stream().filter(b -> !BroadcastStore.EMERGENCY.equals(b.kind())).toList(),
                all.stream().filter(b -> BroadcastStore.EMERGENCY.equals(b.kind())).toList()));
    }

    private Uni<ScheduleChanges> getScheduleChanges(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        OffsetDateTime since = time(args.string("since"), "since");
        return rooms.requireVisible(socket.caller(), festivalId)
                .flatMap(grant -> store.scheduleChanges(festivalId, since))
                .map(changes -> new ScheduleChanges(festivalId, changes));
    }

    private Uni<Sent> sendBroadcast(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        String title = args.requiredString("title", 200);
        String message = args.requiredString("message", 5000);
        String category = lower(args.optionalString("category", 50), "general");
        String priority = oneOf(lower(args.optionalString("priority", 20), "normal"), PRIORITIES, "priority");
        String target = oneOf(lower(args.optionalString("target", 20), "all"), TARGETS, "target");
        OffsetDateTime expiresAt = time(args.string("expiresAt"), "expiresAt");
        JsonObject data = args.body().getValue("data") instanceof JsonObject d ? d : null;
        boolean scheduleChange = category.equals("schedule") || category.equals("schedule_change");
        String kind = scheduleChange ? BroadcastStore.SCHEDULE_CHANGE : BroadcastStore.BROADCAST;
        return rooms.requireOrg(socket.caller(), festivalId)
                .flatMap(grant -> store.create(new NewBroadcast(festivalId, kind, title, message, category, priority,
                        target, null, null, List.of(), data, socket.caller().userId(), expiresAt)))
                .map(sent -> {
                    String room = sent.crewOnly() ? RoomAccess.broadcastCrew(festivalId) : RoomAccess.broadcast(festivalId);
                    publisher.publish(NAME, room, "broadcast", sent);
                    if (scheduleChange) {
                        publisher.publish(NAME, room, "schedule_change", sent);
                    }
                    return new Sent(true, sent);
                });
    }

    private Uni<Sent> sendEmergency(Socket socket, EventArgs args) {
        UUID festivalId = args.uuid("festivalId");
        String level = oneOf(lower(args.optionalString("level", 20), "critical"), LEVELS, "level");
        String title = args.requiredString("title", 200);
        String message = args.requiredString("message", 5000);
        String instructions = args.optionalString("instructions", 5000);
        List<String> zones = new ArrayList<>();
        if (args.body().getValue("affectedZones") instanceof JsonArray array) {
            for (Object zone : array) {
                if (zone != null && zones.size() < 200) {
                    zones.add(zone.toString());
                }
            }
        }
        return rooms.requireOrg(socket.caller(), festivalId)
                .flatMap(grant -> store.create(new NewBroadcast(festivalId, BroadcastStore.EMERGENCY, title, message,
                        "emergency", "urgent", "all", level, instructions, zones, null, socket.caller().userId(), null)))
                .map(sent -> {
                    publisher.publish(NAME, RoomAccess.emergency(festivalId), "emergency_alert", sent);
                    return new Sent(true, sent);
                });
    }

    private Uni<Resolved> resolveEmergency(Socket socket, EventArgs args) {
        UUID emergencyId = args.body().containsKey("emergencyId") ? args.uuid("emergencyId") : args.uuid("id");
        String note = args.optionalString("message", 5000);
        return store.festivalOf(emergencyId)
                .flatMap(festivalId -> rooms.requireOrg(socket.caller(), festivalId))
                .flatMap(grant -> store.resolveEmergency(emergencyId, socket.caller().userId()))
                .map(done -> {
                    Resolved resolved = new Resolved(done.id(), done.festivalId(), done.title(), done.resolvedAt(),
                            done.resolvedBy(), note);
                    publisher.publish(NAME, RoomAccess.emergency(done.festivalId()), "emergency_resolved", resolved);
                    return resolved;
                });
    }

    private static String lower(String value, String fallback) {
        return value == null ? fallback : value.toLowerCase(Locale.ROOT);
    }

    private static String oneOf(String value, Set<String> allowed, String field) {
        if (!allowed.contains(value)) {
            throw ApiException.invalidField(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    private static OffsetDateTime time(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be an ISO-8601 date-time with offset");
        }
    }
}
