package dev.festival.realtime.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.realtime.SocketCaller;
import dev.festival.realtime.engineio.EngineListener;
import dev.festival.realtime.engineio.EngineServer;
import dev.festival.realtime.engineio.EngineSession;
import dev.festival.realtime.socketio.SocketReplies.ConnectError;
import dev.festival.realtime.socketio.SocketReplies.Connected;
import dev.festival.realtime.socketio.SocketReplies.ErrorDetail;
import dev.festival.realtime.socketio.SocketReplies.ErrorReply;
import dev.festival.realtime.socketio.SocketReplies.UserRef;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Socket.IO v5 above Engine.IO: namespace CONNECT (authenticated) and DISCONNECT, EVENT dispatch to
 * the namespace handlers, acknowledgements, CONNECT_ERROR. Every socket joins its {@code user:<id>} room.
 */
@ApplicationScoped
public class SocketServer implements EngineListener {
    private static final Logger LOG = Logger.getLogger(SocketServer.class);
    /** Requests of one socket being answered at once; beyond, ERR_1005 (a client flooding events). */
    static final int MAX_IN_FLIGHT = 64;

    @Inject
    Instance<NamespaceHandler> handlers;

    @Inject
    SocketAuthenticator authenticator;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @Inject
    EngineServer engine;

    private Fanout fanout;

    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

    /** The Socket.IO sockets of one Engine.IO connection, by the namespace name the client used. */
    static final class Client {
        final ConcurrentHashMap<String, Socket> sockets = new ConcurrentHashMap<>();
    }

    @PostConstruct
    void init() {
        fanout = new Fanout(engine, registry);
        for (NamespaceHandler handler : handlers) {
            namespaces.put(handler.name(), new Namespace(handler.name(), handler, this));
        }
        namespaces.putIfAbsent("/", new Namespace("/", new NamespaceHandler() {
            @Override
            public String name() {
                return "/";
            }

            @Override
            public Map<String, EventHandler> events() {
                return Map.of();
            }
        }, this));
        for (Namespace namespace : namespaces.values()) {
            Gauge.builder("festival.realtime.connections", namespace, Namespace::size)
                    .description("Open Socket.IO connections per namespace on this pod")
                    .tag("namespace", namespace.name()).register(registry);
        }
    }

    void start(@Observes StartupEvent event) {
        LOG.debugf("Socket.IO namespaces: %s", namespaces.keySet());
    }

    Fanout fanout() {
        return fanout;
    }

    /** A namespace by canonical name ({@code /zones}), or null. */
    public Namespace namespace(String name) {
        return namespaces.get(name);
    }

    public Collection<Namespace> namespaces() {
        return namespaces.values();
    }

    private Namespace resolve(String wireName) {
        Namespace namespace = namespaces.get(wireName);
        if (namespace == null && wireName.startsWith("/api/")) {
            namespace = namespaces.get(wireName.substring(4));
        }
        return namespace;
    }

    @Override
    public void onOpen(EngineSession session) {
        session.attach(new Client());
    }

    @Override
    public void onMessage(EngineSession session, String data) {
        SioPacket packet = SioPacket.parse(data);
        if (packet == null) {
            session.close("parse error");
            return;
        }
        Client client = session.attachment();
        switch (packet.type()) {
            case SioPacket.CONNECT -> connect(session, client, packet);
            case SioPacket.DISCONNECT -> {
                Socket socket = client.sockets.get(packet.namespace());
                if (socket != null) {
                    dropSocket(socket, "client namespace disconnect");
                }
            }
            case SioPacket.EVENT -> {
                Socket socket = client.sockets.get(packet.namespace());
                if (socket != null) {
                    dispatch(socket, packet);
                }
            }
            case SioPacket.ACK -> { } // the server asks for no acknowledgements
            default -> session.close("parse error: unsupported packet type " + packet.type());
        }
    }

    private void connect(EngineSession session, Client client, SioPacket packet) {
        String wireName = packet.namespace();
        Namespace namespace = resolve(wireName);
        if (namespace == null) {
            connectError(session, wireName, new ApiException(ErrorCode.NOT_FOUND, "Invalid namespace"));
            return;
        }
        if (client.sockets.containsKey(wireName)) {
            return;
        }
        Uni<SocketCaller> authenticated;
        try {
            authenticated = authenticator.authenticateLive(packet.data(), session.handshake());
        } catch (ApiException e) {
            connectError(session, wireName, e);
            return;
        }
        authenticated.subscribe().with(caller -> connected(session, client, namespace, wireName, caller),
                failure -> connectError(session, wireName, failure instanceof ApiException e ? e
                        : new ApiException(ErrorCode.TOKEN_INVALID)));
    }

    private void connected(EngineSession session, Client client, Namespace namespace, String wireName,
                           SocketCaller caller) {
        Socket socket = new Socket(EngineServer.newId(), namespace, wireName, session, caller);
        if (client.sockets.putIfAbsent(wireName, socket) != null) {
            return;
        }
        namespace.add(socket);
        socket.join(userRoom(caller));
        session.markNamespaceJoined();
        session.sendMessage(SioPacket.encode(SioPacket.CONNECT, wireName, -1,
                new JsonObject().put("sid", socket.id()).encode()));
        socket.emit("connected", new Connected(socket.id(),
                new UserRef(caller.userId(), caller.email(), caller.role().name()), Instant.now().toString()));
        Uni<Void> hook;
        try {
            hook = namespace.handler().onConnect(socket);
        } catch (RuntimeException e) {
            hook = Uni.createFrom().failure(e);
        }
        hook.subscribe().with(v -> { }, failure -> LOG.warnf(failure, "connect hook of %s failed", namespace.name()));
    }

    public static String userRoom(SocketCaller caller) {
        return "user:" + caller.userId();
    }

    private void connectError(EngineSession session, String wireName, ApiException e) {
        ErrorDetail detail = new ErrorDetail(e.code().code(), e.getMessage(), null);
        session.sendMessage(SioPacket.encode(SioPacket.CONNECT_ERROR, wireName, -1,
                json(new ConnectError(e.getMessage(), detail))));
    }

    private void dispatch(Socket socket, SioPacket packet) {
        JsonArray array;
        try {
            array = packet.data() == null ? null : new JsonArray(packet.data());
        } catch (DecodeException | ClassCastException e) {
            array = null;
        }
        if (array == null || array.isEmpty() || !(array.getValue(0) instanceof String event)) {
            if (packet.ackId() >= 0) {
                ack(socket, packet.ackId(), error(new ApiException(ErrorCode.MALFORMED_JSON, "Malformed event")));
            }
            return;
        }
        NamespaceHandler.EventHandler handler = socket.namespace().handler().events().get(event);
        long ackId = packet.ackId();
        if (handler == null) {
            if (ackId >= 0) {
                ack(socket, ackId, error(new ApiException(ErrorCode.ROUTE_NOT_FOUND, "Unknown event: " + event)));
            }
            return;
        }
        if (socket.session().isServerGoingAway()) {
            // this pod is shutting down: the client retries once reconnected (to another pod)
            if (ackId >= 0) {
                ack(socket, ackId, error(new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Server shutting down: reconnect and retry")));
            }
            return;
        }
        if (!socket.tryAcquire(MAX_IN_FLIGHT)) {
            if (ackId >= 0) {
                ack(socket, ackId, error(new ApiException(ErrorCode.RATE_LIMITED,
                        "Too many requests in flight on this connection")));
            }
            return;
        }
        EventArgs args = new EventArgs(new JsonArray(array.getList().subList(1, array.size())));
        Uni<?> result;
        try {
            result = handler.handle(socket, args);
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        // released after the acknowledgement is handed to the connection: a shutdown closes the
        // connection once nothing is in flight, and the answer must leave before the close
        result.subscribe().with(answer -> {
            try {
                if (ackId >= 0) {
                    ack(socket, ackId, answer);
                }
            } finally {
                socket.release();
            }
        }, failure -> {
            try {
                if (!(failure instanceof ApiException)) {
                    LOG.errorf(failure, "%s %s failed", socket.namespace().name(), event);
                }
                if (ackId >= 0) {
                    ack(socket, ackId, error(failure));
                }
            } finally {
                socket.release();
            }
        });
    }

    private void ack(Socket socket, long ackId, Object answer) {
        if (!socket.isConnected()) {
            return;
        }
        String payload = answer == null ? "[]" : "[" + json(answer) + "]";
        socket.session().sendMessage(SioPacket.encode(SioPacket.ACK, socket.wireNamespace(), ackId, payload));
    }

    /** The acknowledgement of a refused request. */
    public static ErrorReply error(Throwable failure) {
        if (failure instanceof ApiException e) {
            return new ErrorReply(new ErrorDetail(e.code().code(), e.getMessage(), e.details()));
        }
        return new ErrorReply(new ErrorDetail(ErrorCode.INTERNAL.code(), "Internal server error", null));
    }

    @Override
    public boolean busy(EngineSession session) {
        Client client = session.attachment();
        if (client == null) {
            return false;
        }
        for (Socket socket : client.sockets.values()) {
            if (socket.inFlight() > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onClose(EngineSession session, String reason) {
        Client client = session.attachment();
        if (client == null) {
            return;
        }
        for (Socket socket : List.copyOf(client.sockets.values())) {
            dropSocket(socket, reason);
        }
    }

    void dropSocket(Socket socket, String reason) {
        Client client = socket.session().attachment();
        if (client == null || !client.sockets.remove(socket.wireNamespace(), socket)) {
            return;
        }
        socket.namespace().remove(socket);
        try {
            socket.namespace().handler().onDisconnect(socket, reason);
        } catch (RuntimeException e) {
            LOG.warnf(e, "disconnect hook of %s failed", socket.namespace().name());
        }
    }

    /** JSON text of a payload (records, maps, Vert.x JSON). */
    public String json(Object payload) {
        if (payload == null) {
            return "null";
        }
        if (payload instanceof JsonObject o) {
            return o.encode();
        }
        if (payload instanceof JsonArray a) {
            return a.encode();
        }
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + payload.getClass().getName(), e);
        }
    }
}
