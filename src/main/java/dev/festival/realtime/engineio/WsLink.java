package dev.festival.realtime.engineio;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.impl.ContextInternal;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * One WebSocket of websockets-next as the Engine.IO layer writes to it: the connection, the event
 * loop it lives on (a fan-out writes to each connection from that loop, so no write crosses threads),
 * and the underlying Vert.x {@link ServerWebSocket}. websockets-next only sends a {@code String},
 * which it UTF-8-encodes into a new buffer per connection and wraps in a {@code Uni}; a fan-out to
 * 10 000 connections would encode the same packet 10 000 times. Writing the text frame on the Vert.x
 * socket instead lets every connection's frame wrap the same bytes. The Vert.x socket is a private
 * field of websockets-next's connection class (checked on Quarkus 3.33.2); if it cannot be read, the
 * link falls back to {@code sendText} — slower, same behaviour.
 */
@RegisterForReflection(classNames = "io.quarkus.websockets.next.runtime.WebSocketConnectionImpl", fields = true, methods = false)
final class WsLink {
    private static final Logger LOG = Logger.getLogger(WsLink.class);
    private static final String IMPL = "io.quarkus.websockets.next.runtime.WebSocketConnectionImpl";
    private static final Field RAW = rawField();

    final WebSocketConnection connection;
    /** Null when unreadable: writes go through {@code sendText}. */
    private final ServerWebSocket raw;
    /** The connection's event loop; null when not opened on one. */
    private final EventLoop loop;

    private WsLink(WebSocketConnection connection, ServerWebSocket raw, EventLoop loop) {
        this.connection = connection;
        this.raw = raw;
        this.loop = loop;
    }

    /** Called on the connection's own event loop (websockets-next's {@code @OnOpen}). */
    static WsLink of(WebSocketConnection connection) {
        Context context = Vertx.currentContext();
        EventLoop loop = context instanceof ContextInternal internal && context.isEventLoopContext()
                ? internal.nettyEventLoop() : null;
        ServerWebSocket raw = null;
        if (RAW != null && IMPL.equals(connection.getClass().getName())) {
            try {
                raw = (ServerWebSocket) RAW.get(connection);
            } catch (IllegalAccessException | RuntimeException e) {
                raw = null;
            }
        }
        return new WsLink(connection, raw, loop);
    }

    EventLoop loop() {
        return loop;
    }

    /** Whether frames go straight to the Vert.x socket (shared bytes), not through {@code sendText}. */
    boolean direct() {
        return raw != null;
    }

    /** Hands one text frame to the connection; then {@code written} or {@code failed} runs, once. */
    void write(String text, byte[] utf8, Runnable written, Runnable failed) {
        if (raw == null) {
            connection.sendText(text).subscribe().with(v -> written.run(), f -> failed.run());
            return;
        }
        byte[] bytes = utf8 != null ? utf8 : text.getBytes(StandardCharsets.UTF_8);
        // a wrapper per connection (the encoder releases it), the bytes shared
        raw.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(bytes), true), result -> {
            if (result.succeeded()) {
                written.run();
            } else {
                failed.run();
            }
        });
    }

    private static Field rawField() {
        try {
            Field field = Class.forName(IMPL, false, WsLink.class.getClassLoader()).getDeclaredField("webSocket");
            if (field.getType() != ServerWebSocket.class) {
                throw new NoSuchFieldException("webSocket is a " + field.getType());
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warnf("websockets-next internals not as expected (%s): Socket.IO fan-out encodes per connection", e);
            return null;
        }
    }
}
