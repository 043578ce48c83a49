package dev.festival.realtime.socketio;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets of one namespace on this pod and their rooms. An alias ({@code /api/zones}) shares
 * the namespace and its rooms; each packet is encoded once per wire name actually used.
 */
public final class Namespace {
    private final String name;
    private final String alias;
    private final NamespaceHandler handler;
    private final SocketServer server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<Socket>> rooms = new ConcurrentHashMap<>();

    Namespace(String name, NamespaceHandler handler, SocketServer server) {
        this.name = name;
        this.alias = "/".equals(name) ? null : "/api" + name;
        this.handler = handler;
        this.server = server;
    }

    public String name() {
        return name;
    }

    String alias() {
        return alias;
    }

    NamespaceHandler handler() {
        return handler;
    }

    SocketServer server() {
        return server;
    }

    public int size() {
        return sockets.size();
    }

    /** The sockets of this pod in this namespace (a snapshot). */
    public Set<Socket> sockets() {
        return Set.copyOf(sockets);
    }

    /** How many sockets of this pod are in the room. */
    public int roomSize(String room) {
        Set<Socket> members = rooms.get(room);
        return members == null ? 0 : members.size();
    }

    /** The sockets of this pod in the room (a snapshot). */
    public Set<Socket> socketsIn(String room) {
        Set<Socket> members = rooms.get(room);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    void add(Socket socket) {
        sockets.add(socket);
    }

    void remove(Socket socket) {
        sockets.remove(socket);
        socket.markDisconnected();
    }

    void join(Socket socket, String room) {
        rooms.compute(room, (key, members) -> {
            Set<Socket> set = members == null ? ConcurrentHashMap.newKeySet() : members;
            set.add(socket);
            return set;
        });
    }

    void leave(Socket socket, String room) {
        rooms.computeIfPresent(room, (key, members) -> {
            members.remove(socket);
            return members.isEmpty() ? null : members;
        });
    }

    /** {@link #deliver} of a payload not yet serialised. */
    public void emit(String room, String event, Object payload, Socket except) {
        deliver(room, event, json(payload), except);
    }

    String json(Object payload) {
        return server.json(payload);
    }

    /**
     * Sends an event (payload already JSON) to the sockets of this pod in {@code room}, or in the
     * whole namespace when room is null, except {@code except}. Never blocks and does not wait for
     * the fan-out: each socket's event loop writes its copies ({@link Fanout}).
     */
    public void deliver(String room, String event, String payloadJson, Socket except) {
        Iterable<Socket> targets = room == null ? sockets : rooms.get(room);
        if (targets != null) {
            server.fanout().deliver(this, targets, event, payloadJson, except);
        }
    }
}
