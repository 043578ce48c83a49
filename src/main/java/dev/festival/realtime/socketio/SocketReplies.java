package dev.festival.realtime.socketio;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/** Payloads the protocol layer itself sends. */
public final class SocketReplies {
    private SocketReplies() {
    }

    /** {@code connected}, emitted on every namespace connect (API.md). */
    @RegisterForReflection
    public record Connected(String clientId, UserRef user, String timestamp) {}

    @RegisterForReflection
    public record UserRef(UUID id, String email, String role) {}

    /** A refused request's acknowledgement: {@code {error: {errorCode, message}}}. */
    @RegisterForReflection
    public record ErrorReply(ErrorDetail error) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorDetail(String errorCode, String message, Object details) {}

    /** CONNECT_ERROR data: socket.io-client raises connect_error with {@code err.message} and {@code err.data}. */
    @RegisterForReflection
    public record ConnectError(String message, ErrorDetail data) {}
}
