package dev.festival.realtime.namespaces;

import dev.festival.common.error.ApiException;
import dev.festival.common.realtime.RealtimePublisher;
import dev.festival.realtime.RealtimeConfig;
import dev.festival.realtime.socketio.EventArgs;
import dev.festival.realtime.socketio.Namespace;
import dev.festival.realtime.socketio.NamespaceHandler;
import dev.festival.realtime.socketio.Socket;
import dev.festival.realtime.socketio.SocketServer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code /presence}: who is online (shared by the pods through {@link PresenceStore}) and typing
 * indicators. A user is online while one of their /presence sockets is connected anywhere; a
 * festival's presence ({@code presence:<festivalId>}) is for its crew; typing goes to a channel the
 * socket subscribed to, and a channel is any room the socket may join ({@code ticket:<id>}, ...).
 */
@ApplicationScoped
public class PresenceNamespace implements NamespaceHandler {
    private static final Logger LOG = Logger.getLogger(PresenceNamespace.class);
    static final String NAME = "/presence";
    private static final String STATUS = "presence.status";
    private static final Set<String> STATUSES = Set.of("online", "away", "busy", "offline");
    private static final Set<String> DEVICES = Set.of("web", "mobile", "scanner", "desktop", "tablet");

    @Inject
    PresenceStore store;

    @Inject
    RoomAccess rooms;

    @Inject
    RealtimePublisher publisher;

    @Inject
    SocketServer server;

    @Inject
    RealtimeConfig config;

    @Inject
    Vertx vertx;

    private long refreshTimer = -1;

    public static String festivalRoom(UUID festivalId) {
        return "presence:" + festivalId;
    }

    void start(@Observes StartupEvent event) {
        long every = Math.max(1000, config.presenceTtl().toMillis() / 3);
        refreshTimer = vertx.setPeriodic(every, id -> refresh());
    }

    void stop(@Observes ShutdownEvent event) {
        if (refreshTimer >= 0) {
            vertx.cancelTimer(refreshTimer);
        }
    }

    /** Keeps this pod's connected users online in Redis. */
    private void refresh() {
        Namespace namespace = server.namespace(NAME);
        if (namespace == null) {
            return;
        }
        Set<UUID> users = new HashSet<>();
        Map<UUID, UUID> festivals = new HashMap<>();
        for (Socket socket : namespace.sockets()) {
            users.add(socket.caller().userId());
            JsonObject status = socket.get(STATUS);
            if (status != null && status.getString("festivalId") != null) {
                festivals.put(socket.caller().userId(), UUID.fromString(status.getString("festivalId")));
            }
        }
        store.refresh(users, festivals).subscribe().with(v -> { }, f -> LOG.debugf(f, "presence refresh failed"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> onConnect(Socket socket) {
        JsonObject status = status(socket, "online", null, null, null);
        socket.put(STATUS, status);
        return store.touch(socket.caller().userId(), status).map(count -> {
            socket.emit("presence_init", new JsonObject()
                    .put("onlineCount", count)
                    .put("userId", socket.caller().userId().toString())
                    .put("status", "online")
                    .put("timestamp", Instant.now().toString()));
            return null;
        });
    }

    @Override
    public void onDisconnect(Socket socket, String reason) {
        UUID userId = socket.caller().userId();
        if (socket.namespace().roomSize(RoomAccess.user(userId)) > 0) {
            return; // another tab of the same user is still here
        }
        JsonObject last = socket.get(STATUS);
        String festival = last == null ? null : last.getString("festivalId");
        UUID festivalId = festival == null ? null : UUID.fromString(festival);
        store.offline(userId, festivalId).subscribe().with(v -> {
            if (festivalId != null) {
                publisher.publish(NAME, festivalRoom(festivalId), "presence_update",
                        last.copy().put("status", "offline").put("lastSeen", Instant.now().toString()));
            }
        }, f -> LOG.debugf(f, "presence offline failed"));
    }

    @Override
    public Map<String, EventHandler> events() {
        return Map.of(
                "update_status", this::updateStatus,
                "activity", (socket, args) -> store.touch(socket.caller().userId(), socket.get(STATUS))
                        .map(count -> new JsonObject().put("success", true).put("onlineCount", count)),
                "typing_start", (socket, args) -> typing(socket, args, true),
                "typing_stop", (socket, args) -> typing(socket, args, false),
                "get_presence", this::getPresence,
                "subscribe_presence", this::subscribe,
                "unsubscribe_presence", this::unsubscribe);
    }

    private JsonObject status(Socket socket, String status, UUID festivalId, UUID zoneId, String deviceType) {
        return new JsonObject()
                .put("userId", socket.caller().userId().toString())
                .put("status", status)
                .put("festivalId", festivalId == null ? null : festivalId.toString())
                .put("zoneId", zoneId == null ? null : zoneId.toString())
                .put("deviceType", deviceType)
                .put("lastSeen", Instant.now().toString());
    }

    private Uni<JsonObject> updateStatus(Socket socket, EventArgs args) {
        String status = args.requiredString("status", 20).toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw ApiException.invalidField("status", "must be one of away, busy, offline, online");
        }
        UUID festivalId = args.optionalUuid("festivalId");
        UUID zoneId = args.optionalUuid("zoneId");
        String device = args.optionalString("deviceType", 20);
        if (device != null && !DEVICES.contains(device.toLowerCase(Locale.ROOT))) {
            throw ApiException.invalidField("deviceType", "must be one of desktop, mobile, scanner, tablet, web");
        }
        Uni<?> check = festivalId == null ? Uni.createFrom().voidItem() : rooms.requireVisible(socket.caller(), festivalId);
        return check.flatMap(ok -> {
            JsonObject next = status(socket, status, festivalId, zoneId, device == null ? null : device.toLowerCase(Locale.ROOT));
            socket.put(STATUS, next);
            return store.touch(socket.caller().userId(), next).map(count -> {
                if (festivalId != null) {
                    publisher.publish(NAME, festivalRoom(festivalId), "presence_update", next);
                }
                return next.copy().put("success", true).put("onlineCount", count);
            });
        });
    }

    private Uni<JsonObject> typing(Socket socket, EventArgs args, boolean typing) {
        String channel = args.requiredString("channelId", 200);
        if (!socket.inRoom(channel)) {
            throw ApiException.invalidField("channelId", "subscribe to the channel first (subscribe_presence {channelId})");
        }
        publisher.publish(NAME, channel, "user_typing", new JsonObject()
                .put("channelId", channel)
                .put("userId", socket.caller().userId().toString())
                .put("isTyping", typing)
                .put("timestamp", Instant.now().toString()));
        return Uni.createFrom().item(new JsonObject().put("success", true));
    }

    private Uni<JsonObject> getPresence(Socket socket, EventArgs args) {
        UUID festivalId = args.optionalUuid("festivalId");
        if (festivalId != null) {
            return rooms.requireCrew(socket.caller(), festivalId)
                    .flatMap(grant -> store.festival(festivalId))
                    .flatMap(users -> store.onlineCount().map(count -> new JsonObject()
                            .put("festivalId", festivalId.toString())
                            .put("onlineCount", count)
                            .put("users", new JsonArray(new ArrayList<>(users)))));
        }
        List<UUID> userIds = new ArrayList<>();
        if (args.body().getValue("userIds") instanceof JsonArray ids) {
            for (Object id : ids) {
                UUID parsed = dev.festival.common.web.PathIds.uuidOrNull(String.valueOf(id));
                if (parsed == null) {
                    throw ApiException.invalidField("userIds", "must be UUIDs");
                }
                if (userIds.size() == 100) {
                    throw ApiException.invalidField("userIds", "at most 100");
                }
                userIds.add(parsed);
            }
        }
        return store.statuses(userIds).flatMap(users -> store.onlineCount().map(count -> new JsonObject()
                .put("onlineCount", count)
                .put("users", new JsonArray(new ArrayList<>(users)))));
    }

    private Uni<JsonObject> subscribe(Socket socket, EventArgs args) {
        UUID festivalId = args.optionalUuid("festivalId");
        String channel = args.body().containsKey("channelId") ? args.requiredString("channelId", 200) : null;
        if (festivalId == null && channel == null) {
            throw ApiException.invalidField("festivalId", "festivalId or channelId is required");
        }
        Uni<?> check = festivalId != null ? rooms.requireCrew(socket.caller(), festivalId)
                : rooms.requireJoin(socket.caller(), channel);
        return check.map(ok -> {
            String room = festivalId != null ? festivalRoom(festivalId) : channel;
            socket.join(room);
            return new JsonObject().put("success", true).put("room", room);
        });
    }

    private Uni<JsonObject> unsubscribe(Socket socket, EventArgs args) {
        UUID festivalId = args.optionalUuid("festivalId");
        String channel = args.optionalString("channelId", 200);
        String room = festivalId != null ? festivalRoom(festivalId) : channel;
        if (room == null) {
            throw ApiException.invalidField("festivalId", "festivalId or channelId is required");
        }
        if (room.equals(RoomAccess.user(socket.caller().userId()))) {
            throw ApiException.invalidField("channelId", "the user room cannot be left");
        }
        boolean was = socket.inRoom(room);
        socket.leave(room);
        return Uni.createFrom().item(new JsonObject().put("success", was).put("room", room));
    }
}
