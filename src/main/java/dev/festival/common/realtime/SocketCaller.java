package dev.festival.common.realtime;

import dev.festival.common.security.Role;
import java.util.UUID;

/** Who is on the other end of a Socket.IO connection, as the handshake's access token said. */
public record SocketCaller(UUID userId, String email, Role role) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
