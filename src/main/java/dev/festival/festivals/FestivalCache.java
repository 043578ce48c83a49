package dev.festival.festivals;

import static dev.festival.common.web.CallerContext.onCallerContext;

import dev.festival.common.logging.ThrottledWarning;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Redis cache of the public festival reads (list, featured, detail), as JSON text.
 * <p>
 * Every key embeds a version counter that each festival write bumps, so one INCR invalidates
 * every cached list (all filter combinations) and every detail at once, and a reader that
 * loaded old rows just before a write can only store them under the version nobody reads any
 * more. Redis being slow or down never fails a request: the read goes to PostgreSQL (fail open).
 */
@ApplicationScoped
public class FestivalCache {
    private static final Logger LOG = Logger.getLogger(FestivalCache.class);
    static final String VERSION_KEY = "festivals:cache:version";
    private static final Duration MIN_TTL = Duration.ofSeconds(5);
    private static final Duration MAX_TTL = Duration.ofSeconds(60);
    private static final Duration MIN_INVALIDATE_WAIT = Duration.ofSeconds(1);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    FestivalCacheConfig config;

    private final ThrottledWarning warning = new ThrottledWarning(LOG, Duration.ofSeconds(10));
    private ReactiveValueCommands<String, String> values;
    private long ttlSeconds;

    @PostConstruct
    void init() {
        values = redis.value(String.class, String.class);
        Duration ttl = config.festivalTtl();
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            Duration clamped = ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : MAX_TTL;
            LOG.warnf("festival.cache.festival-ttl=%s is outside 5s..60s; using %s", ttl, clamped);
            ttl = clamped;
        }
        ttlSeconds = ttl.toSeconds();
    }

    /**
     * The cached JSON for (kind, key), else what {@code loader} gives, stored for the TTL. A null
     * from the loader (not found, not public) is answered as null and not stored.
     */
    public Uni<String> getOrLoad(String kind, String key, Supplier<Uni<String>> loader) {
        if (!config.festivalEnabled()) {
            return loader.get();
        }
        return onCallerContext(currentVersion()).flatMap(version -> {
            if (version == null) {
                return loader.get();
            }
            String redisKey = "festivals:cache:" + version + ":" + kind + ":" + digest(key);
            return onCallerContext(guarded(values.get(redisKey), "get")).flatMap(hit -> {
                if (hit != null) {
                    return Uni.createFrom().item(hit);
                }
                return loader.get().call(json -> json == null ? Uni.createFrom().voidItem()
                        : onCallerContext(guarded(values.setex(redisKey, ttlSeconds, json), "set")));
            });
        });
    }

    /** Makes every cached entry unreachable; called after each festival write has committed. */
    public Uni<Void> invalidate() {
        // a longer wait than for reads: a lost bump would serve stale entries until their TTL ends
        Duration wait = config.festivalTimeout().compareTo(MIN_INVALIDATE_WAIT) < 0 ? MIN_INVALIDATE_WAIT
                : config.festivalTimeout();
        return onCallerContext(guarded(values.incr(VERSION_KEY), "invalidate", wait)).replaceWithVoid();
    }

    /** The version, or null when Redis does not answer (the caller then skips the cache). */
    private Uni<String> currentVersion() {
        return values.get(VERSION_KEY)
                .ifNoItem().after(config.festivalTimeout()).fail()
                .map(v -> v == null ? "0" : v)
                .onFailure().recoverWithItem(e -> {
                    warn("festival cache unavailable (%s); serving from PostgreSQL", e);
                    return null;
                });
    }

    private <T> Uni<T> guarded(Uni<T> call, String what) {
        return guarded(call, what, config.festivalTimeout());
    }

    private <T> Uni<T> guarded(Uni<T> call, String what, Duration timeout) {
        return call.ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(e -> {
                    warn("festival cache " + what + " failed (%s); continuing without the cache", e);
                    return null;
                });
    }

    /** While Redis is down every request would fail over: one WARN per interval, the rest at DEBUG. */
    private void warn(String format, Throwable e) {
        warning.warn(format, e);
    }

    private static String digest(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
