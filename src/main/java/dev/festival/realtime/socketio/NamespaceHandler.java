package dev.festival.realtime.socketio;

import io.smallrye.mutiny.Uni;
import java.util.Map;

/**
 * One Socket.IO namespace's behaviour ({@code /zones}, ...): what happens on connect and
 * disconnect, and the client events it answers. Each event handler's result is the
 * acknowledgement's payload; a failure ({@link dev.festival.common.error.ApiException}) is answered
 * as {@code {error: {errorCode, message}}}.
 */
public interface NamespaceHandler {
    /** The canonical name, e.g. {@code "/zones"}; {@code "/api/zones"} is accepted as an alias. */
    String name();

    /** After the {@code connected} event; may emit more (presence_init, ...). */
    default Uni<Void> onConnect(Socket socket) {
        return Uni.createFrom().voidItem();
    }

    default void onDisconnect(Socket socket, String reason) {
    }

    /** Client event name → handler. */
    Map<String, EventHandler> events();

    @FunctionalInterface
    interface EventHandler {
        Uni<?> handle(Socket socket, EventArgs args);
    }
}
