package dev.festival.realtime.namespaces;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.realtime.socketio.EventArgs;
import dev.festival.realtime.socketio.NamespaceHandler;
import dev.festival.realtime.socketio.Socket;
import dev.festival.realtime.socketio.SocketAuthenticator;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /events}: general notifications. Clients join rooms they may see ({@code join_room}); the
 * server pushes {@code notification} and {@code ticket_update} (to {@code user:<id>}, published by
 * features) and {@code user_joined}/{@code user_left} to a room's other members.
 */
@ApplicationScoped
public class EventsNamespace implements NamespaceHandler {
    @Inject
    RoomAccess rooms;

    @Inject
    SocketAuthenticator authenticator;

    @RegisterForReflection
    public record RoomReply(boolean success, String room) {}

    @RegisterForReflection
    public record RoomsReply(List<String> rooms) {}

    @RegisterForReflection
    public record Pong(boolean pong, String timestamp) {}

    @RegisterForReflection
    public record AuthReply(boolean success, UserRef user) {}

    @RegisterForReflection
    public record UserRef(UUID id, String email, String role) {}

    @RegisterForReflection
    public record Membership(UUID userId, String room, String timestamp) {}

    @Override
    public String name() {
        return "/events";
    }

    @Override
    public Map<String, EventHandler> events() {
        return Map.of(
                "authenticate", this::authenticate,
                "join_room", this::joinRoom,
                "leave_room", this::leaveRoom,
                "get_rooms", (socket, args) -> Uni.createFrom().item(new RoomsReply(
                        socket.rooms().stream().sorted().toList())),
                "ping", (socket, args) -> Uni.createFrom().item(new Pong(true, Instant.now().toString())));
    }

    /** A fresh token for the same user (e.g. after a refresh); another user's token is refused. */
    private Uni<AuthReply> authenticate(Socket socket, EventArgs args) {
        return authenticator.verifyLive(args.requiredString("token", 8192)).map(next -> {
            if (!next.userId().equals(socket.caller().userId())) {
                throw new ApiException(ErrorCode.TOKEN_INVALID, "The token belongs to another user; reconnect instead");
            }
            socket.caller(next);
            return new AuthReply(true, new UserRef(next.userId(), next.email(), next.role().name()));
        });
    }

    private Uni<RoomReply> joinRoom(Socket socket, EventArgs args) {
        String room = args.requiredString("room", 200);
        return rooms.requireJoin(socket.caller(), room).map(v -> {
            socket.join(room);
            socket.toOthers(room, "user_joined", new Membership(socket.caller().userId(), room, Instant.now().toString()));
            return new RoomReply(true, room);
        });
    }

    private Uni<RoomReply> leaveRoom(Socket socket, EventArgs args) {
        String room = args.requiredString("room", 200);
        if (room.equals(RoomAccess.user(socket.caller().userId()))) {
            throw ApiException.invalidField("room", "the user room cannot be left");
        }
        boolean was = socket.inRoom(room);
        socket.leave(room);
        if (was) {
            socket.toOthers(room, "user_left", new Membership(socket.caller().userId(), room, Instant.now().toString()));
        }
        return Uni.createFrom().item(new RoomReply(was, room));
    }

    @Override
    public void onDisconnect(Socket socket, String reason) {
        String own = RoomAccess.user(socket.caller().userId());
        for (String room : socket.rooms()) {
            if (!room.equals(own)) {
                socket.toOthers(room, "user_left", new Membership(socket.caller().userId(), room, Instant.now().toString()));
            }
        }
    }
}
