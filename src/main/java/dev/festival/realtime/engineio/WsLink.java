package dev.festival.realtime.engineio;

import io.netty.channel.EventLoop;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * One WebSocket of websockets-next as the Engine.IO layer writes to it: the connection and the event
 * loop it lives on, so that a fan-out writes to each connection from that loop and no write crosses
 * threads. (Writing shared frame bytes on the Vert.x socket underneath, read by reflection, was tried:
 * no measurable gain in server CPU per broadcast, so the public {@code sendText} stays.)
 */
final class WsLink {
    final WebSocketConnection connection;
    /** The connection's event loop; null when not opened on one. */
    private final EventLoop loop;

    private WsLink(WebSocketConnection connection, EventLoop loop) {
        this.connection = connection;
        this.loop = loop;
    }

    /** Called on the connection's own event loop (websockets-next's {@code @OnOpen}). */
    static WsLink of(WebSocketConnection connection) {
        Context context = Vertx.currentContext();
        EventLoop loop = context instanceof ContextInternal internal && context.isEventLoopContext()
                ? internal.nettyEventLoop() : null;
        return new WsLink(connection, loop);
    }

    EventLoop loop() {
        return loop;
    }

    /** Hands one text frame to the connection; then {@code written} or {@code failed} runs, once. */
    void write(String text, Runnable written, Runnable failed) {
        connection.sendText(text).subscribe().with(v -> written.run(), f -> failed.run());
    }
}
