package dev.festival.realtime.engineio;

import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * The WebSocket transport on websockets-next: {@code /socket.io/?EIO=4&transport=websocket[&sid=…]}.
 * Without a sid it is a new session (WebSocket-only client); with one it probes the upgrade of a
 * polling session. {@link PollingRoute} has already checked the version and the Origin. All callbacks
 * run on the connection's event loop and never block.
 */
@WebSocket(path = "/socket.io")
public class EngineWebSocket {
    private static final Logger LOG = Logger.getLogger(EngineWebSocket.class);
    private static final UserData.TypedKey<EngineSession> SESSION = new UserData.TypedKey<>("engine.io.session");

    @Inject
    EngineServer server;

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        HandshakeRequest request = connection.handshakeRequest();
        String sid = queryParam(request.query(), "sid");
        long now = System.currentTimeMillis();
        if (server.isGoingAway()) {
            connection.close(EngineSession.GOING_AWAY).subscribe().with(v -> { }, f -> { });
            return;
        }
        if (sid == null) {
            Handshake handshake = new Handshake(request.header("Authorization"), request.header("Cookie"),
                    request.header("Origin"), request.remoteAddress());
            EngineSession session = server.open(handshake, connection);
            connection.userData().put(SESSION, session);
            session.sendPacket(server.openPacket(session, false));
            return;
        }
        EngineSession session = server.find(sid);
        if (session == null || !session.acceptProbe(connection, now)) {
            connection.close().subscribe().with(v -> { }, f -> { });
            return;
        }
        connection.userData().put(SESSION, session);
    }

    @OnTextMessage
    @NonBlocking
    void onText(String text, WebSocketConnection connection) {
        EngineSession session = connection.userData().get(SESSION);
        if (session != null) {
            session.onWebSocketText(connection, text);
        }
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        EngineSession session = connection.userData().get(SESSION);
        if (session != null) {
            session.onWebSocketClosed(connection);
        }
    }

    @OnError
    @NonBlocking
    void onError(Throwable failure, WebSocketConnection connection) {
        LOG.debugf(failure, "websocket %s failed", connection.id());
        EngineSession session = connection.userData().get(SESSION);
        if (session != null) {
            session.onWebSocketClosed(connection);
        }
        connection.close().subscribe().with(v -> { }, f -> { });
    }

    static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
