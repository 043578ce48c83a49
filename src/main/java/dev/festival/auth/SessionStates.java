package dev.festival.auth;

import static dev.festival.common.web.CallerContext.onCallerContext;

import dev.festival.common.logging.ThrottledWarning;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Is a sign-in session still live? Asked on every request that carries an access token, so that
 * revoking a session (logout, password reset or change, role change, ban, deactivation, refresh
 * token reuse) stops its access tokens at once, not only its refresh tokens.
 *
 * <p>PostgreSQL ({@code auth_sessions.revoked_at}) is the truth; Redis holds its answer per session
 * under {@code festival:session:<id>} ({@code 1} live, {@code 0} revoked) for one access-token
 * lifetime, so the common case costs one Redis GET and no database round trip:
 * <ul>
 *   <li>a miss (new pod, evicted key, flushed Redis) asks PostgreSQL and stores the answer with
 *       {@code SET NX}, so it never overwrites a revocation written meanwhile;</li>
 *   <li>a revocation commits in PostgreSQL first, then overwrites the key with {@code 0};</li>
 *   <li>Redis down or slower than {@code festival.account.session-check.redis-timeout}: PostgreSQL
 *       answers. A revocation Redis could not take is retried every second for one access-token
 *       lifetime (after that no access token of the session is still valid), and this pod
 *       remembers it locally meanwhile.</li>
 * </ul>
 */
@ApplicationScoped
public class SessionStates {
    private static final Logger LOG = Logger.getLogger(SessionStates.class);
    static final String KEY_PREFIX = "festival:session:";
    private static final String LIVE = "1";
    private static final String REVOKED = "0";
    private static final int MAX_LOCAL = 100_000;
    private static final long PURGE_INTERVAL_MILLIS = 60_000;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @Inject
    AuthConfig auth;

    @Inject
    AccountConfig config;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    private ReactiveValueCommands<String, String> values;
    private Counter redisFallbacks;
    private final ThrottledWarning warning = new ThrottledWarning(LOG, Duration.ofSeconds(10));
    /** Sessions revoked on this pod, with the epoch millisecond until which that matters. */
    private final Map<UUID, Long> revokedHere = new ConcurrentHashMap<>();
    /** Revocations Redis has not taken yet (it was down): retried until their deadline. */
    private final Map<UUID, Long> pendingInRedis = new ConcurrentHashMap<>();
    private long retryTimer = -1;
    private long lastPurge = System.currentTimeMillis();

    @PostConstruct
    void init() {
        values = redis.value(String.class, String.class);
        redisFallbacks = Counter.builder("festival.auth.session_check.fallbacks")
                .description("Session checks answered by PostgreSQL because Redis did not answer")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        retryTimer = vertx.getDelegate().setPeriodic(1000, id -> retryPending());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (retryTimer >= 0) {
            vertx.getDelegate().cancelTimer(retryTimer);
        }
    }

    /** True while the session is neither revoked nor expired. */
    public Uni<Boolean> isLive(UUID sessionId) {
        Long revokedUntil = revokedHere.get(sessionId);
        if (revokedUntil != null) {
            return Uni.createFrom().item(false);
        }
        String key = KEY_PREFIX + sessionId;
        return onCallerContext(values.get(key).ifNoItem().after(config.sessionCheck().redisTimeout()).fail())
                .onItemOrFailure().transformToUni((cached, failure) -> {
                    if (failure != null) {
                        redisFallbacks.increment();
                        warn("session check: Redis unavailable (%s); asking PostgreSQL", failure);
                        return fromDatabase(sessionId);
                    }
                    if (cached != null) {
                        return Uni.createFrom().item(LIVE.equals(cached));
                    }
                    return fromDatabase(sessionId).call(live -> remember(key, live));
                });
    }

    /** A freshly opened session: stored as live so its first request does not ask PostgreSQL. */
    public Uni<Void> opened(UUID sessionId) {
        return remember(KEY_PREFIX + sessionId, true).replaceWithVoid();
    }

    /** Sessions just revoked in PostgreSQL: their access tokens stop working now, on every pod. */
    public Uni<Void> revoked(Collection<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long until = System.currentTimeMillis() + ttl().toMillis();
        if (revokedHere.size() + sessionIds.size() > MAX_LOCAL) {
            purgeExpired(revokedHere);
        }
        List<Uni<Void>> writes = new ArrayList<>();
        for (UUID id : sessionIds) {
            revokedHere.put(id, until);
            writes.add(writeRevoked(id)
                    .onFailure().recoverWithUni(e -> {
                        pendingInRedis.put(id, until);
                        warn("session revocation not written to Redis (%s); retrying", e);
                        return Uni.createFrom().voidItem();
                    }));
        }
        return onCallerContext(Uni.join().all(writes).andCollectFailures().replaceWithVoid());
    }

    private Uni<Void> writeRevoked(UUID id) {
        return values.set(KEY_PREFIX + id, REVOKED, new SetArgs().ex(ttl()))
                .ifNoItem().after(Duration.ofSeconds(1)).fail();
    }

    private void retryPending() {
        long now = System.currentTimeMillis();
        if (now - lastPurge > PURGE_INTERVAL_MILLIS) {
            lastPurge = now;
            purgeExpired(revokedHere);
        }
        if (pendingInRedis.isEmpty()) {
            return;
        }
        pendingInRedis.forEach((id, until) -> {
            if (until < now) {
                pendingInRedis.remove(id, until);
                return;
            }
            writeRevoked(id).subscribe().with(ok -> pendingInRedis.remove(id, until), e -> { });
        });
    }

    private static void purgeExpired(Map<UUID, Long> map) {
        long now = System.currentTimeMillis();
        map.entrySet().removeIf(e -> e.getValue() < now);
    }

    private Uni<Boolean> fromDatabase(UUID sessionId) {
        return pool.preparedQuery("""
                        SELECT revoked_at IS NULL AND expires_at > now() AS live
                          FROM auth_sessions WHERE id = $1""")
                .execute(Tuple.of(sessionId))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("live"));
    }

    /** SET NX: never overwrites a revocation written by a concurrent request. Best effort. */
    private Uni<Boolean> remember(String key, boolean live) {
        return onCallerContext(values.set(key, live ? LIVE : REVOKED, new SetArgs().ex(ttl()).nx())
                .ifNoItem().after(config.sessionCheck().redisTimeout()).fail()
                .replaceWith(live)
                .onFailure().recoverWithItem(e -> {
                    warn("session state not cached in Redis (%s)", e);
                    return live;
                }));
    }

    /** Longer than any access token of the session can still be valid. */
    private Duration ttl() {
        return auth.accessTokenTtl().plusSeconds(60);
    }

    private void warn(String format, Throwable e) {
        warning.warn(format, e);
    }
}
