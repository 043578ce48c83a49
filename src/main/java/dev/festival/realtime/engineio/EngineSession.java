package dev.festival.realtime.engineio;

import io.netty.channel.EventLoop;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One Engine.IO v4 connection (one {@code sid}), on HTTP long-polling or on a WebSocket, possibly
 * moving from the first to the second (the upgrade). State changes happen under the session's lock;
 * the lock is never held while calling the listener or another session, and nothing inside it blocks
 * (WebSocket writes only enqueue on the connection's event loop).
 * <p>
 * Back-pressure: the packets not yet handed to the network (the polling buffer, or WebSocket writes
 * not yet completed) are bounded in count and bytes; a client that lets them pile up is disconnected
 * rather than being allowed to grow the heap or slow anyone else.
 */
public final class EngineSession {
    private static final String SEPARATOR = "\u001e";
    /** WebSocket close status 1001: the server is going down; clients reconnect (to another pod). */
    static final CloseReason GOING_AWAY = new CloseReason(1001, "going away");

    private final String id;
    private final EngineServer server;
    private final Handshake handshake;
    private final long createdAt;
    private volatile Object attachment;
    private volatile boolean namespaceJoined;
    /** The event loop of the WebSocket in use (null on polling): read without the lock by a fan-out. */
    private volatile EventLoop writeLoop;

    // guarded by this
    private boolean websocket;
    private WebSocketConnection ws;
    private WebSocketConnection probe;
    private long probeDeadline;
    private boolean noopOnNextPoll;
    private final ArrayDeque<String> buffer = new ArrayDeque<>();
    private HttpServerResponse poll;
    private int queuedMessages;
    private long queuedBytes;
    private long nextPingAt;
    private long pongDeadline;
    private boolean closed;

    /** {@code ws}: the WebSocket of a WebSocket-only session, opened on its own event loop (now); else null. */
    EngineSession(String id, EngineServer server, Handshake handshake, WebSocketConnection ws, long now) {
        this.id = id;
        this.server = server;
        this.handshake = handshake;
        this.createdAt = now;
        this.ws = ws;
        this.websocket = ws != null;
        this.writeLoop = ws == null ? null : EventLoops.current();
        this.nextPingAt = now + server.pingIntervalMillis();
    }

    public String id() {
        return id;
    }

    public Handshake handshake() {
        return handshake;
    }

    /** Per-connection state of the layer above (set once, in {@link EngineListener#onOpen}). */
    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    /** The layer above has a namespace connected: the connect timeout no longer applies. */
    public void markNamespaceJoined() {
        this.namespaceJoined = true;
    }

    /** Whether a namespace is connected (its CONNECT is answered asynchronously, after the session check). */
    public boolean isNamespaceJoined() {
        return namespaceJoined;
    }

    public synchronized boolean isWebSocket() {
        return websocket;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * The event loop that writes to this connection: its WebSocket's. Null on long-polling (the
     * pending poll may be answered from any thread) or when unknown.
     */
    public EventLoop writeLoop() {
        return writeLoop;
    }

    /** The server is shutting down: the layer above accepts no new request on this connection. */
    public boolean isServerGoingAway() {
        return server.isGoingAway();
    }

    /** Sends an Engine.IO {@code message} packet. False when closed, or when the queue overflowed (then closed). */
    public boolean sendMessage(String data) {
        return sendPacket("4" + data);
    }

    /** Sends an already encoded Engine.IO packet (type digit first). */
    public boolean sendPacket(String packet) {
        if (!enqueue(packet, packet.length())) {
            return false;
        }
        server.countOut();
        return true;
    }

    /**
     * Sends a packet shared with other connections (a fan-out, built once). The caller counts the
     * messages sent. Same quota and overflow rule as any packet.
     */
    public boolean sendShared(SharedPacket packet) {
        return enqueue(packet.text, packet.size());
    }

    private boolean enqueue(String packet, int size) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queuedMessages + 1 > server.maxQueuedMessages() || queuedBytes + size > server.maxQueuedBytes()) {
                overflow = true;
            } else {
                queuedMessages++;
                queuedBytes += size;
                if (websocket) {
                    write(ws, packet, size);
                } else {
                    buffer.add(packet);
                    if (poll != null) {
                        flushPoll();
                    }
                }
            }
        }
        if (overflow) {
            server.countOverflow();
            close("transport error: outbound queue full");
            return false;
        }
        return true;
    }

    // under lock: hands the packet to the connection (written at once on its own event loop, else
    // queued to it); completion releases its quota
    private void write(WebSocketConnection connection, String packet, int size) {
        connection.sendText(packet).subscribe().with(v -> written(size), failure -> {
            written(size);
            server.closeLater(this, "transport error");
        });
    }

    private synchronized void written(int size) {
        queuedMessages--;
        queuedBytes -= size;
    }

    // under lock, with poll != null
    private void flushPoll() {
        HttpServerResponse response = poll;
        poll = null;
        String body = buffer.size() == 1 ? buffer.peek() : String.join(SEPARATOR, buffer);
        buffer.clear();
        queuedMessages = 0;
        queuedBytes = 0;
        endPoll(response, body);
    }

    private static void endPoll(HttpServerResponse response, String body) {
        if (!response.ended() && !response.closed()) {
            response.putHeader("Content-Type", "text/plain; charset=UTF-8").end(body);
        }
    }

    /** A long-polling GET: answered now when packets wait, else held until one does (or a ping). */
    void onPoll(HttpServerResponse response) {
        String error = null;
        synchronized (this) {
            if (closed) {
                error = "closed";
            } else if (websocket) {
                error = "upgraded";
            } else if (poll != null) {
                error = "overlap";
            } else if (noopOnNextPoll && buffer.isEmpty()) {
                noopOnNextPoll = false;
                endPoll(response, "6");
                return;
            } else {
                poll = response;
                if (!buffer.isEmpty()) {
                    flushPoll();
                    return;
                }
                response.closeHandler(v -> {
                    synchronized (this) {
                        if (poll == response) {
                            poll = null;
                        }
                    }
                });
                return;
            }
        }
        switch (error) {
            case "overlap" -> {
                server.badRequest(response, 3, "Overlapping poll requests");
                close("transport error: overlapping polls");
            }
            case "upgraded" -> server.badRequest(response, 3, "Transport upgraded");
            default -> server.badRequest(response, 1, "Session ID unknown");
        }
    }

    /** The packets of a long-polling POST body, in order. */
    void onPost(String body) {
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf(SEPARATOR, start);
            if (end < 0) {
                end = body.length();
            }
            if (end > start) {
                onPacket(body.substring(start, end));
            }
            start = end + 1;
        }
    }

    /** One Engine.IO packet from the client on the current transport. */
    void onPacket(String packet) {
        if (packet.isEmpty()) {
            return;
        }
        switch (packet.charAt(0)) {
            case '1' -> close("transport close");
            case '2' -> sendPacket("3" + packet.substring(1));
            case '3' -> onPong();
            case '4' -> {
                server.countIn();
                server.listener().onMessage(this, packet.substring(1));
            }
            case '6' -> { }
            default -> close("parse error");
        }
    }

    private synchronized void onPong() {
        pongDeadline = 0;
        nextPingAt = System.currentTimeMillis() + server.pingIntervalMillis();
    }

    /** A WebSocket carrying this sid opened: it is a probe until the client sends {@code 5} (upgrade). */
    boolean acceptProbe(WebSocketConnection connection, long now) {
        synchronized (this) {
            if (closed || websocket || probe != null) {
                return false;
            }
            probe = connection;
            probeDeadline = now + server.upgradeTimeoutMillis();
            return true;
        }
    }

    void onWebSocketText(WebSocketConnection connection, String text) {
        boolean fromProbe;
        synchronized (this) {
            fromProbe = connection == probe;
            if (!fromProbe && connection != ws) {
                return;
            }
        }
        if (fromProbe) {
            onProbePacket(connection, text);
        } else {
            onPacket(text);
        }
    }

    private void onProbePacket(WebSocketConnection connection, String text) {
        if ("2probe".equals(text)) {
            synchronized (this) {
                if (probe != connection) {
                    return;
                }
                connection.sendText("3probe").subscribe().with(v -> { }, f -> { });
                // a fast upgrade: the client waits for its pending poll to return before sending 5
                if (poll != null) {
                    HttpServerResponse response = poll;
                    poll = null;
                    endPoll(response, buffer.isEmpty() ? "6" : drainBuffer());
                } else {
                    noopOnNextPoll = true;
                }
            }
        } else if ("5".equals(text)) {
            synchronized (this) {
                if (probe != connection || closed) {
                    return;
                }
                probe = null;
                websocket = true;
                ws = connection;
                writeLoop = EventLoops.current(); // the probe's callbacks run on its own event loop
                noopOnNextPoll = false;
                if (poll != null) {
                    HttpServerResponse response = poll;
                    poll = null;
                    endPoll(response, "6");
                }
                // the packets that waited for the polling transport now go over the WebSocket
                List<String> pending = new ArrayList<>(buffer);
                buffer.clear();
                for (String packet : pending) {
                    write(connection, packet, packet.length());
                }
            }
        } else {
            synchronized (this) {
                if (probe == connection) {
                    probe = null;
                }
            }
            connection.close().subscribe().with(v -> { }, f -> { });
        }
    }

    // under lock: the buffer as one polling body; its quota is released
    private String drainBuffer() {
        String body = String.join(SEPARATOR, buffer);
        buffer.clear();
        queuedMessages = 0;
        queuedBytes = 0;
        return body;
    }

    void onWebSocketClosed(WebSocketConnection connection) {
        boolean active;
        synchronized (this) {
            if (connection == probe) {
                probe = null;
                return;
            }
            active = connection == ws && websocket;
        }
        if (active) {
            close("transport close");
        }
    }

    /** Heartbeat and timeouts, from the server's sweep. */
    void tick(long now) {
        String reason = null;
        boolean ping = false;
        WebSocketConnection expiredProbe = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (probe != null && now > probeDeadline) {
                expiredProbe = probe;
                probe = null;
                noopOnNextPoll = false;
            }
            if (pongDeadline > 0 && now > pongDeadline) {
                reason = "ping timeout";
            } else if (!namespaceJoined && now - createdAt > server.connectTimeoutMillis()) {
                reason = "connect timeout";
            } else if (pongDeadline == 0 && now >= nextPingAt) {
                ping = true;
                pongDeadline = now + server.pingTimeoutMillis();
            }
        }
        if (expiredProbe != null) {
            expiredProbe.close().subscribe().with(v -> { }, f -> { });
        }
        if (reason != null) {
            server.countTimeout(reason);
            close(reason);
        } else if (ping) {
            sendPacket("2");
        }
    }

    /**
     * Packets handed to this connection but not yet on the wire: WebSocket writes not completed, or
     * a polling buffer the client has not fetched yet. A shutdown waits for them before closing.
     */
    synchronized boolean hasPendingOutput() {
        return queuedMessages > 0 || !buffer.isEmpty();
    }

    /** Closes the connection (idempotent) and tells the layer above once. */
    public void close(String reason) {
        close(reason, CloseReason.NORMAL);
    }

    /**
     * Closed because this server is shutting down: a WebSocket gets close status 1001 (going away), a
     * pending poll the Engine.IO close packet; either way the client's reconnection logic starts.
     */
    void goAway() {
        close("server going away", GOING_AWAY);
    }

    private void close(String reason, CloseReason closeReason) {
        WebSocketConnection socket;
        WebSocketConnection probing;
        HttpServerResponse pending;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            socket = websocket ? ws : null;
            probing = probe;
            probe = null;
            pending = poll;
            poll = null;
            buffer.clear();
        }
        if (pending != null) {
            endPoll(pending, "1");
        }
        if (socket != null && socket.isOpen()) {
            socket.close(closeReason).subscribe().with(v -> { }, f -> { });
        }
        if (probing != null && probing.isOpen()) {
            probing.close().subscribe().with(v -> { }, f -> { });
        }
        server.removed(this, reason);
    }
}
