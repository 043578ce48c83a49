package dev.festival.realtime.socketio;

import dev.festival.common.realtime.SocketCaller;
import dev.festival.realtime.engineio.EngineSession;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connected to one namespace (Socket.IO's {@code socket}). {@code wireNamespace} is the
 * name the client used ({@code /api/zones} or {@code /zones}): packets to it must carry it back.
 */
public final class Socket {
    private final String id;
    private final Namespace namespace;
    private final String wireNamespace;
    private final EngineSession session;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Object> state = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile SocketCaller caller;
    private volatile boolean connected = true;
    private volatile Set<String> roomsAtDisconnect = Set.of();

    Socket(String id, Namespace namespace, String wireNamespace, EngineSession session, SocketCaller caller) {
        this.id = id;
        this.namespace = namespace;
        this.wireNamespace = wireNamespace;
        this.session = session;
        this.caller = caller;
    }

    public String id() {
        return id;
    }

    public SocketCaller caller() {
        return caller;
    }

    /** A re-authentication ({@code authenticate} on /events) may switch the token, never the user. */
    public void caller(SocketCaller caller) {
        this.caller = caller;
    }

    public Namespace namespace() {
        return namespace;
    }

    String wireNamespace() {
        return wireNamespace;
    }

    EngineSession session() {
        return session;
    }

    public boolean isConnected() {
        return connected;
    }

    /** Sends one event to this client. */
    public void emit(String event, Object payload) {
        if (connected) {
            session.sendMessage(SioPacket.event(wireNamespace, event, namespace.json(payload)));
        }
    }

    public void join(String room) {
        if (connected && rooms.add(room)) {
            namespace.join(this, room);
        }
    }

    public void leave(String room) {
        if (rooms.remove(room)) {
            namespace.leave(this, room);
        }
    }

    public boolean inRoom(String room) {
        return rooms.contains(room);
    }

    /** The rooms joined (after a disconnect: those it was in, for the disconnect hook). */
    public Set<String> rooms() {
        return connected ? Set.copyOf(rooms) : roomsAtDisconnect;
    }

    /** Sends an event to everybody in a room of this namespace on this pod, this socket excepted. */
    public void toOthers(String room, String event, Object payload) {
        namespace.deliver(room, event, namespace.json(payload), this);
    }

    /** Handler state kept for the connection's life (presence status, ...). */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) state.get(key);
    }

    public void put(String key, Object value) {
        state.put(key, value);
    }

    /** Server-side disconnect of this namespace (the engine connection stays). */
    public void disconnect() {
        if (connected) {
            session.sendMessage(SioPacket.encode(SioPacket.DISCONNECT, wireNamespace, -1, null));
            namespace.server().dropSocket(this, "server namespace disconnect");
        }
    }

    boolean tryAcquire(int max) {
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        inFlight.decrementAndGet();
    }

    /** Requests of this socket being answered. */
    int inFlight() {
        return inFlight.get();
    }

    void markDisconnected() {
        roomsAtDisconnect = Set.copyOf(rooms);
        connected = false;
        for (String room : rooms) {
            namespace.leave(this, room);
        }
        rooms.clear();
    }
}
