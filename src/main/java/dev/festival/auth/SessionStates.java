package dev.festival.auth;

import static dev.festival.common.web.CallerContext.onCallerContext;

import dev.festival.common.logging.ThrottledWarning;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
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
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 *
 * <p>A pod also remembers "live" answers for {@code festival.account.session-check.local-ttl}
 * (2 s), so a busy scanner or cashier asks Redis once per TTL rather than once per request. A
 * revocation is published on the Redis channel {@code festival:sessions:<schema>} after it is
 * stored, and every pod evicts the session at once. The local answers are used only while this
 * pod's subscription to that channel is up (it is dropped and the answers forgotten when the
 * subscription fails or Redis stops answering), so a lost message can leave a revoked session
 * usable here for at most the local TTL.
 */
@ApplicationScoped
public class SessionStates {
    private static final Logger LOG = Logger.getLogger(SessionStates.class);
    static final String KEY_PREFIX = "festival:session:";
    private static final String LIVE = "1";
    private static final String REVOKED = "0";
    private static final int MAX_LOCAL = 100_000;
    private static final long PURGE_INTERVAL_MILLIS = 60_000;
    private static final String HEARTBEAT = "~";
    /** Local answers are used while this pod heard its own heartbeat this recently... */
    private static final long HEARD_WITHIN_NANOS = Duration.ofSeconds(3).toNanos();
    /** ...and it subscribes again after this much silence. */
    private static final long RESUBSCRIBE_AFTER_NANOS = Duration.ofSeconds(10).toNanos();

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

    @ConfigProperty(name = "festival.db.schema")
    String schema;

    private ReactiveValueCommands<String, String> values;
    private ReactivePubSubCommands<String> pubsub;
    private String channel;
    /** When this pod last heard its own heartbeat on the channel (System.nanoTime()); 0 = never. */
    private volatile long heardAt;
    private volatile ReactiveRedisSubscriber subscriber;
    private volatile boolean subscribing;
    /** Sessions known live on this pod, with the System.nanoTime() until which that is trusted. */
    private final Map<UUID, Long> liveHere = new ConcurrentHashMap<>();
    /** Bumped by every eviction: an answer fetched across one is not remembered. */
    private final AtomicLong evictions = new AtomicLong();
    private long localTtlNanos;
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
        retryTimer = vertx.getDelegate().setPeriodic(1000, id -> {
            retryPending();
            heartbeat();
        });
        localTtlNanos = config.sessionCheck().localTtl().toNanos();
        channel = "festival:sessions:" + schema;
        if (localTtlNanos > 0) {
            pubsub = redis.pubsub(String.class);
            subscribe();
        }
    }

    private void subscribe() {
        if (subscribing) {
            return;
        }
        subscribing = true;
        pubsub.subscribe(channel, this::onMessage, this::channelLost, e -> channelLost())
                .subscribe().with(
                        s -> {
                            subscriber = s;
                            subscribing = false;
                            pubsub.publish(channel, HEARTBEAT).subscribe().with(ok -> { }, e -> { });
                            LOG.debugf("session check: listening for revocations on %s", channel);
                        },
                        e -> {
                            subscribing = false;
                            warn("session check: no revocation channel (%s); Redis is asked on every request", e);
                        });
    }

    /**
     * Local answers are trusted only while this pod hears its own heartbeat (published every second):
     * a subscription that broke silently (Redis restarted) stops the trust within three seconds, and
     * is renewed after ten.
     */
    private void heartbeat() {
        if (pubsub == null) {
            return;
        }
        long silentFor = System.nanoTime() - heardAt;
        if (heardAt != 0 && silentFor > RESUBSCRIBE_AFTER_NANOS) {
            heardAt = 0;
            forgetLocal();
            ReactiveRedisSubscriber old = subscriber;
            subscriber = null;
            if (old != null) {
                old.unsubscribe().subscribe().with(ok -> { }, e -> { });
            }
            subscribe();
        } else if (subscriber == null) {
            subscribe();
        }
        pubsub.publish(channel, HEARTBEAT).subscribe().with(ok -> { }, e -> { });
    }

    /** Whether "live" answers remembered on this pod are used now (the revocation channel is heard). */
    boolean localAnswersTrusted() {
        return localTtlNanos > 0 && channelTrusted(System.nanoTime());
    }

    private boolean channelTrusted(long now) {
        long heard = heardAt;
        return heard != 0 && now - heard < HEARD_WITHIN_NANOS;
    }

    /** The subscription ended (Redis went away): no trust until it is back (the heartbeat re-subscribes). */
    private void channelLost() {
        heardAt = 0;
        subscriber = null;
        forgetLocal();
    }

    private void forgetLocal() {
        evictions.incrementAndGet();
        liveHere.clear();
    }

    /** This pod refuses the session from now on (the caller bumped {@code evictions}). */
    private void revokedHere(UUID id, long untilMillis) {
        revokedHere.put(id, untilMillis);
        liveHere.remove(id);
    }

    /** A heartbeat, or a revocation published by a pod (this one included): the sessions' local answers go. */
    private void onMessage(String message) {
        if (HEARTBEAT.equals(message)) {
            heardAt = System.nanoTime() | 1; // never 0
            return;
        }
        long until = System.currentTimeMillis() + ttl().toMillis();
        evictions.incrementAndGet();
        for (String part : message.split(",")) {
            try {
                revokedHere(UUID.fromString(part.trim()), until);
            } catch (IllegalArgumentException e) {
                LOG.debugf("session check: ignoring revocation message part '%s'", part);
            }
        }
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
        long now = System.nanoTime();
        if (channelTrusted(now)) {
            Long trustedUntil = liveHere.get(sessionId);
            if (trustedUntil != null && now - trustedUntil < 0) {
                return Uni.createFrom().item(true);
            }
        }
        long generation = evictions.get();
        String key = KEY_PREFIX + sessionId;
        return onCallerContext(values.get(key).ifNoItem().after(config.sessionCheck().redisTimeout()).fail())
                .onItemOrFailure().transformToUni((cached, failure) -> {
                    if (failure != null) {
                        redisFallbacks.increment();
                        warn("session check: Redis unavailable (%s); asking PostgreSQL", failure);
                        // revocation messages may be lost meanwhile: forget the local answers
                        forgetLocal();
                        return fromDatabase(sessionId);
                    }
                    if (cached != null) {
                        boolean live = LIVE.equals(cached);
                        rememberLocally(sessionId, live, now, generation);
                        return Uni.createFrom().item(live);
                    }
                    return fromDatabase(sessionId).call(live -> remember(key, live))
                            .invoke(live -> rememberLocally(sessionId, live, now, generation));
                });
    }

    private void rememberLocally(UUID sessionId, boolean live, long askedAt, long generation) {
        if (!live || localTtlNanos <= 0 || evictions.get() != generation || revokedHere.containsKey(sessionId)) {
            return;
        }
        if (liveHere.size() >= MAX_LOCAL) {
            liveHere.clear();
        }
        liveHere.put(sessionId, askedAt + localTtlNanos);
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
        evictions.incrementAndGet();
        List<Uni<Void>> writes = new ArrayList<>();
        for (UUID id : sessionIds) {
            revokedHere(id, until);
            writes.add(writeRevoked(id)
                    .onFailure().recoverWithUni(e -> {
                        pendingInRedis.put(id, until);
                        warn("session revocation not written to Redis (%s); retrying", e);
                        return Uni.createFrom().voidItem();
                    }));
        }
        Uni<Void> stored = Uni.join().all(writes).andCollectFailures().replaceWithVoid();
        if (pubsub != null) {
            // after the key is written: a pod evicting its answer then asks Redis and reads "revoked"
            String message = String.join(",", sessionIds.stream().map(UUID::toString).toList());
            stored = stored.chain(() -> pubsub.publish(channel, message)
                    .ifNoItem().after(Duration.ofSeconds(1)).fail()
                    .onFailure().invoke(e -> warn("session revocation not published (%s); other pods trust their "
                            + "local answer for at most festival.account.session-check.local-ttl", e))
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        return onCallerContext(stored);
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
