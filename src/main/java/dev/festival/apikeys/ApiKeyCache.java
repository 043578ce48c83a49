package dev.festival.apikeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keys looked up for authentication, by hash, for {@code festival.api-keys.cache-ttl}: a client
 * sending its key with every request costs one query per TTL, not one per request. A change to a
 * key (revoke, PATCH, delete) evicts it here and, through a Redis pub/sub message, on every other
 * pod; a lookup that was in flight during an eviction is not cached.
 */
@ApplicationScoped
public class ApiKeyCache {
    private static final Logger LOG = Logger.getLogger(ApiKeyCache.class);
    private static final int MAX_ENTRIES = 10_000;

    /** {@code row} null = no such key (cached too: a client retrying a wrong key costs nothing). */
    private record Entry(ApiKeyStore.AuthRow row, long expiresAtNanos) {}

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeysConfig config;

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "festival.db.schema")
    String schema;

    private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();
    private ReactivePubSubCommands<String> pubsub;
    private String channel;

    void subscribe(@Observes StartupEvent start) {
        channel = config.channel().orElse("festival:api-keys:" + schema);
        pubsub = redis.pubsub(String.class);
        pubsub.subscribe(channel, this::evictLocally)
                .subscribe().with(s -> LOG.debugf("api keys: listening for invalidations on %s", channel),
                        e -> LOG.warnf("api keys: no invalidation channel (%s); changes reach other pods within %s",
                                e.toString(), config.cacheTtl()));
    }

    /** The key with this hash and its creator, or null when there is none. */
    public Uni<ApiKeyStore.AuthRow> find(String keyHash) {
        long now = System.nanoTime();
        Entry e = byHash.get(keyHash);
        if (e != null && now - e.expiresAtNanos() < 0) {
            return Uni.createFrom().item(e.row());
        }
        long generation = evictions.get();
        return store.findForAuth(keyHash).invoke(row -> {
            if (evictions.get() != generation) {
                return;
            }
            if (byHash.size() >= MAX_ENTRIES) {
                byHash.clear();
            }
            byHash.put(keyHash, new Entry(row, now + config.cacheTtl().toNanos()));
        });
    }

    /** Forgets a key here and on every other pod. */
    public Uni<Void> evict(UUID keyId) {
        evictLocally(keyId.toString());
        if (pubsub == null) {
            return Uni.createFrom().voidItem();
        }
        return pubsub.publish(channel, keyId.toString())
                .onFailure().invoke(e -> LOG.warnf("api keys: could not publish the invalidation of %s (%s)", keyId,
                        e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void evictLocally(String keyId) {
        evictions.incrementAndGet();
        byHash.values().removeIf(e -> e.row() != null && e.row().id().toString().equals(keyId));
    }
}
