package dev.festival.common.audit;

import dev.festival.common.web.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The security audit trail (issue 9): one row in {@code audit_logs} and one log line per entry.
 * Any feature records what an auditor asks about — sign-ins and their failures, lockouts,
 * session revocations, role changes, bans, two-factor changes, festival membership, API keys:
 * <pre>
 *   &#64;Inject AuditLog audit;
 *   return audit.record(AuditLog.entry("api_key.created").actor(uid).festival(fid).detail("keyId", id))
 *           .replaceWith(answer);
 * </pre>
 * The caller's IP address, User-Agent and request id are taken from the current HTTP request
 * when there is one. Writing the row never fails the caller's operation: a database error is
 * logged (the log line is already written) and counted in {@code festival_audit_write_failures_total}.
 * Never put a secret (password, token, code) in {@code details}.
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger("dev.festival.audit");
    private static final int MAX_USER_AGENT = 512;

    public enum Outcome { SUCCESS, FAILURE }

    /** One audit entry; build it with {@link AuditLog#entry(String)}. */
    public static final class Entry {
        private final String action;
        private Outcome outcome = Outcome.SUCCESS;
        private UUID actorId;
        private UUID userId;
        private UUID festivalId;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Entry(String action) {
            this.action = action;
        }

        /** Who acted (null: anonymous or the system). */
        public Entry actor(UUID id) {
            this.actorId = id;
            return this;
        }

        /** The account the entry is about. */
        public Entry user(UUID id) {
            this.userId = id;
            return this;
        }

        /** The festival (tenant) the entry belongs to: its organisers may read it. */
        public Entry festival(UUID id) {
            this.festivalId = id;
            return this;
        }

        public Entry failed() {
            this.outcome = Outcome.FAILURE;
            return this;
        }

        /** A machine-readable detail (reason, role, count, ...); a null value is left out. */
        public Entry detail(String key, Object value) {
            if (value != null) {
                details.put(key, value instanceof UUID || value instanceof Enum<?> ? value.toString() : value);
            }
            return this;
        }

        public String action() {
            return action;
        }
    }

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    public static Entry entry(String action) {
        return new Entry(action);
    }

    /** Shorthand for a successful entry about {@code userId}, done by {@code actorId}. */
    public Uni<Void> record(String action, UUID actorId, UUID userId, UUID festivalId, Map<String, ?> details) {
        Entry e = entry(action).actor(actorId).user(userId).festival(festivalId);
        if (details != null) {
            details.forEach(e::detail);
        }
        return record(e);
    }

    /** Writes the log line now and the row in one INSERT; the Uni never fails. */
    public Uni<Void> record(Entry e) {
        Client client = client();
        String requestId = client.requestId != null ? client.requestId : mdcRequestId();
        JsonObject details = new JsonObject(new LinkedHashMap<>(e.details));
        LOG.infof("audit action=%s outcome=%s actorId=%s userId=%s festivalId=%s ip=%s details=%s", e.action,
                e.outcome, e.actorId, e.userId, e.festivalId, client.ip, details.encode());
        Counter.builder("festival.audit.events").description("Audit entries by action")
                .tag("action", e.action).tag("outcome", e.outcome.name()).register(registry).increment();
        return pool.preparedQuery("""
                        INSERT INTO audit_logs (id, action, outcome, actor_id, user_id, festival_id, ip_address,
                                                user_agent, request_id, details)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .execute(Tuple.from(new Object[] {UUID.randomUUID(), e.action, e.outcome.name(), e.actorId,
                        e.userId, e.festivalId, client.ip, client.userAgent, requestId, details}))
                .replaceWithVoid()
                .onFailure().recoverWithUni(err -> {
                    LOG.errorf("audit row not written action=%s userId=%s: %s", e.action, e.userId, err.toString());
                    Counter.builder("festival.audit.write.failures").description("Audit rows that could not be written")
                            .register(registry).increment();
                    return Uni.createFrom().voidItem();
                });
    }

    private record Client(String ip, String userAgent, String requestId) {}

    /** The current HTTP request's caller, when this runs inside one. */
    private static Client client() {
        try {
            ManagedContext requestContext = Arc.container().requestContext();
            if (!requestContext.isActive()) {
                return new Client(null, null, null);
            }
            RoutingContext rc = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
            if (rc == null) {
                return new Client(null, null, null);
            }
            HttpServerRequest request = rc.request();
            String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
            String ua = request.getHeader("User-Agent");
            if (ua != null && ua.length() > MAX_USER_AGENT) {
                ua = ua.substring(0, MAX_USER_AGENT);
            }
            Object requestId = rc.get(RequestIds.MDC_KEY);
            return new Client(ip, ua, requestId == null ? null : requestId.toString());
        } catch (RuntimeException e) {
            return new Client(null, null, null);
        }
    }

    private static String mdcRequestId() {
        Object id = MDC.get(RequestIds.MDC_KEY);
        return id == null ? null : id.toString();
    }
}
