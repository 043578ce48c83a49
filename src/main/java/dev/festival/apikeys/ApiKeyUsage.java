package dev.festival.apikeys;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Usage count and last-used time of the keys, counted in memory and written every
 * {@code festival.api-keys.usage-flush-interval} with one UPDATE for all keys used meanwhile, so an
 * authenticated request costs no write. Reads add what is not yet written, so a pod's own answers
 * are exact; other pods' uses appear after their next flush.
 */
@ApplicationScoped
public class ApiKeyUsage {
    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class);

    /** Kept once created (one per key in use): taking its count with getAndSet loses no concurrent use. */
    private static final class Pending {
        final AtomicLong count = new AtomicLong();
        final AtomicLong lastUsedMillis = new AtomicLong();
    }

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeysConfig config;

    @Inject
    Vertx vertx;

    private final ConcurrentHashMap<UUID, Pending> pending = new ConcurrentHashMap<>();
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        long interval = Math.max(100, config.usageFlushInterval().toMillis());
        timer = vertx.setPeriodic(interval, id -> flush().subscribe().with(v -> { },
                e -> LOG.warnf("api keys: usage not written yet (%s); retried at the next flush", e.toString())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            flush().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("api keys: usage of the last seconds not written at shutdown (%s)", e.toString());
        }
    }

    /** One authenticated request with the key. */
    public void record(UUID keyId) {
        Pending p = pending.computeIfAbsent(keyId, id -> new Pending());
        p.count.incrementAndGet();
        p.lastUsedMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
    }

    /** Not yet written uses of a key. */
    long pendingCount(UUID keyId) {
        Pending p = pending.get(keyId);
        return p == null ? 0 : p.count.get();
    }

    OffsetDateTime pendingLastUsed(UUID keyId) {
        Pending p = pending.get(keyId);
        return p == null || p.lastUsedMillis.get() == 0 ? null
                : OffsetDateTime.ofInstant(Instant.ofEpochMilli(p.lastUsedMillis.get()), ZoneOffset.UTC);
    }

    /** Writes what was counted since the last flush; a failed write is put back for the next one. */
    Uni<Void> flush() {
        Map<UUID, long[]> batch = new HashMap<>();
        pending.forEach((id, p) -> {
            long n = p.count.getAndSet(0);
            if (n > 0) {
                batch.put(id, new long[] {n, p.lastUsedMillis.get()});
            }
        });
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = batch.keySet().toArray(UUID[]::new);
        Long[] counts = new Long[ids.length];
        OffsetDateTime[] last = new OffsetDateTime[ids.length];
        for (int i = 0; i < ids.length; i++) {
            long[] v = batch.get(ids[i]);
            counts[i] = v[0];
            last[i] = OffsetDateTime.ofInstant(Instant.ofEpochMilli(v[1]), ZoneOffset.UTC);
        }
        return store.addUsage(ids, counts, last).onFailure().invoke(e -> batch.forEach((id, v) -> {
            Pending p = pending.computeIfAbsent(id, k -> new Pending());
            p.count.addAndGet(v[0]);
            p.lastUsedMillis.accumulateAndGet(v[1], Math::max);
        }));
    }
}
