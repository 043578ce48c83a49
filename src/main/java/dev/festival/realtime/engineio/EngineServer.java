package dev.festival.realtime.engineio;

import dev.festival.common.error.ErrorCode;
import dev.festival.common.error.ErrorResponses;
import dev.festival.common.lifecycle.Drainable;
import dev.festival.realtime.RealtimeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The Engine.IO v4 server: session registry, handshake (open packet), heartbeat and timeouts. The
 * transports feed it: {@link PollingRoute} (HTTP long-polling on a Vert.x route) and
 * {@link EngineWebSocket} (websockets-next). One periodic sweep drives every session's ping and
 * timeouts, rather than a timer per connection.
 * <p>
 * Graceful shutdown ({@link dev.festival.common.lifecycle.GracefulShutdown}): once the shutdown delay
 * has passed this server "goes away": it opens no new session, lets every connection finish the
 * requests it is answering (a gate scan waiting for its acknowledgement) and then closes it, a WebSocket
 * with status 1001, so that clients reconnect, to another pod.
 */
@ApplicationScoped
public class EngineServer implements Drainable {
    private static final Logger LOG = Logger.getLogger(EngineServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RealtimeConfig config;

    @Inject
    EngineListener listener;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    private final ConcurrentHashMap<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean goingAway;
    private long sweepTimer = -1;
    private Counter messagesIn;
    private Counter messagesOut;
    private Counter overflows;
    private OriginPolicy origins;

    void start(@Observes StartupEvent event) {
        messagesIn = Counter.builder("festival.realtime.messages").tag("direction", "in")
                .description("Socket.IO messages received (Engine.IO message packets)").register(registry);
        messagesOut = Counter.builder("festival.realtime.messages").tag("direction", "out")
                .description("Socket.IO messages and heartbeats sent").register(registry);
        overflows = Counter.builder("festival.realtime.disconnects").tag("reason", "backpressure")
                .description("Connections closed by the server").register(registry);
        registry.gauge("festival.realtime.engine.sessions", sessions, ConcurrentHashMap::size);
        origins = new OriginPolicy(config.allowedOrigins());
        long tick = Math.clamp(Math.min(pingIntervalMillis(), pingTimeoutMillis()) / 5, 50L, 1000L);
        sweepTimer = vertx.setPeriodic(tick, id -> sweep());
    }

    /** The last step of a shutdown: whatever is still open is closed (going away). */
    void stop(@Observes ShutdownEvent event) {
        goAway(Instant.now());
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    /**
     * Stops opening sessions, then closes each connection as soon as it has no request in flight and
     * nothing left to write (checked every 50 ms), all of them at the latest at {@code deadline}.
     */
    @Override
    public synchronized void goAway(Instant deadline) {
        if (!goingAway) {
            goingAway = true;
            LOG.infof("going away: closing %d Socket.IO connections as their requests finish", sessions.size());
        }
        long until = deadline.toEpochMilli();
        if (!closeIdle(until)) {
            vertx.setPeriodic(50, id -> {
                if (closeIdle(until)) {
                    vertx.cancelTimer(id);
                }
            });
        }
    }

    @Override
    public boolean drained() {
        return goingAway && sessions.isEmpty();
    }

    /** True when no session is left. */
    private boolean closeIdle(long deadline) {
        boolean late = System.currentTimeMillis() >= deadline;
        for (EngineSession session : sessions.values()) {
            if (late || !(listener.busy(session) || session.hasPendingOutput())) {
                session.goAway();
            }
        }
        return sessions.isEmpty();
    }

    /** Shutting down: no new session is opened (clients connect to another pod). */
    public boolean isGoingAway() {
        return goingAway;
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        for (EngineSession session : sessions.values()) {
            try {
                session.tick(now);
            } catch (RuntimeException e) {
                LOG.warnf(e, "heartbeat of session %s failed", session.id());
                session.close("transport error");
            }
        }
    }

    /** A new session; answers its open packet (without the leading type digit sent separately by the caller). */
    EngineSession open(Handshake handshake, WebSocketConnection ws) {
        String sid = newId();
        EngineSession session = new EngineSession(sid, this, handshake, ws, System.currentTimeMillis());
        sessions.put(sid, session);
        listener.onOpen(session);
        return session;
    }

    String openPacket(EngineSession session, boolean upgradable) {
        return "0" + new JsonObject()
                .put("sid", session.id())
                .put("upgrades", upgradable ? new JsonArray().add("websocket") : new JsonArray())
                .put("pingInterval", pingIntervalMillis())
                .put("pingTimeout", pingTimeoutMillis())
                .put("maxPayload", config.maxPayload())
                .encode();
    }

    EngineSession find(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    void removed(EngineSession session, String reason) {
        if (sessions.remove(session.id(), session)) {
            try {
                listener.onClose(session, reason);
            } catch (RuntimeException e) {
                LOG.warnf(e, "close handler of session %s failed", session.id());
            }
        }
    }

    /** Closes on a later event-loop turn: for callbacks that may run inside a session's lock. */
    void closeLater(EngineSession session, String reason) {
        vertx.runOnContext(v -> session.close(reason));
    }

    /** An Engine.IO error answer ({@code code} as the reference server), in the API.md error body. */
    void badRequest(HttpServerResponse response, int engineCode, String message) {
        error(response, ErrorCode.BAD_QUERY_PARAMETER, engineCode, message);
    }

    void error(HttpServerResponse response, ErrorCode errorCode, int engineCode, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        JsonObject body = new JsonObject()
                .put("statusCode", errorCode.status())
                .put("errorCode", errorCode.code())
                .put("error", ErrorResponses.reason(errorCode.status()))
                .put("message", message)
                .put("timestamp", Instant.now().toString())
                .put("code", engineCode);
        response.setStatusCode(errorCode.status())
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    public Collection<EngineSession> sessions() {
        return sessions.values();
    }

    OriginPolicy origins() {
        return origins;
    }

    EngineListener listener() {
        return listener;
    }

    long pingIntervalMillis() {
        return config.pingInterval().toMillis();
    }

    long pingTimeoutMillis() {
        return config.pingTimeout().toMillis();
    }

    long connectTimeoutMillis() {
        return config.connectTimeout().toMillis();
    }

    long upgradeTimeoutMillis() {
        return config.upgradeTimeout().toMillis();
    }

    int maxPayload() {
        return config.maxPayload();
    }

    int maxQueuedMessages() {
        return config.maxQueuedMessages();
    }

    long maxQueuedBytes() {
        return config.maxQueuedBytes();
    }

    void countIn() {
        messagesIn.increment();
    }

    void countOut() {
        messagesOut.increment();
    }

    /** Messages sent by a fan-out, counted once per batch. */
    public void countOut(int messages) {
        messagesOut.increment(messages);
    }

    void countOverflow() {
        overflows.increment();
    }

    void countTimeout(String reason) {
        Counter.builder("festival.realtime.disconnects").tag("reason", reason.replace(' ', '_'))
                .description("Connections closed by the server").register(registry).increment();
    }

    /** Engine.IO and Socket.IO ids: 120 random bits, URL-safe. */
    public static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
