package dev.festival.realtime.namespaces;

import dev.festival.realtime.RealtimeConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who is online, in Redis so that every pod sees the same answer: a sorted set of user ids by last
 * sign of life (online count, per festival), and each user's status as a key expiring after the
 * presence TTL. Pods refresh their connected users periodically, so a crashed pod's users fade out
 * after the TTL instead of staying online forever.
 */
@ApplicationScoped
public class PresenceStore {
    static final String ONLINE = "rt:presence:online";

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RealtimeConfig config;

    private ReactiveSortedSetCommands<String, String> sets;
    private ReactiveValueCommands<String, String> values;

    @PostConstruct
    void init() {
        sets = redis.sortedSet(String.class, String.class);
        values = redis.value(String.class, String.class);
    }

    private static String userKey(UUID userId) {
        return "rt:presence:user:" + userId;
    }

    private static String festivalKey(UUID festivalId) {
        return "rt:presence:festival:" + festivalId;
    }

    private long ttlMillis() {
        return config.presenceTtl().toMillis();
    }

    private ScoreRange<Double> alive() {
        return ScoreRange.from((double) (System.currentTimeMillis() - ttlMillis()), Double.POSITIVE_INFINITY);
    }

    /** Records a sign of life (and the status, when given); answers the number of users online. */
    public Uni<Long> touch(UUID userId, JsonObject status) {
        double now = System.currentTimeMillis();
        Uni<?> write = sets.zadd(ONLINE, now, userId.toString());
        if (status != null) {
            String festival = status.getString("festivalId");
            write = write.chain(() -> values.psetex(userKey(userId), ttlMillis(), status.encode()));
            if (festival != null) {
                write = write.chain(() -> sets.zadd(festivalKey(UUID.fromString(festival)), now, userId.toString()));
            }
        }
        return write.chain(this::onlineCount);
    }

    public Uni<Long> onlineCount() {
        return sets.zremrangebyscore(ONLINE, ScoreRange.from(Double.NEGATIVE_INFINITY,
                        (double) (System.currentTimeMillis() - ttlMillis())))
                .chain(() -> sets.zcount(ONLINE, alive()));
    }

    /** Keeps the given users (connected to this pod) online. */
    public Uni<Void> refresh(Collection<UUID> userIds, Map<UUID, UUID> festivals) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        double now = System.currentTimeMillis();
        Map<String, Double> scores = new HashMap<>();
        userIds.forEach(id -> scores.put(id.toString(), now));
        Uni<?> write = sets.zadd(ONLINE, scores);
        for (Map.Entry<UUID, UUID> entry : festivals.entrySet()) {
            write = write.chain(() -> sets.zadd(festivalKey(entry.getValue()), now, entry.getKey().toString()));
        }
        return write.replaceWithVoid();
    }

    public Uni<Void> offline(UUID userId, UUID festivalId) {
        Uni<?> write = sets.zrem(ONLINE, userId.toString()).chain(() -> redis.key().del(userKey(userId)));
        if (festivalId != null) {
            write = write.chain(() -> sets.zrem(festivalKey(festivalId), userId.toString()));
        }
        return write.replaceWithVoid();
    }

    /** The statuses of the festival's users seen within the TTL. */
    public Uni<List<JsonObject>> festival(UUID festivalId) {
        return sets.zrangebyscore(festivalKey(festivalId), alive()).flatMap(ids -> statuses(ids.stream()
                .map(UUID::fromString).toList()));
    }

    /** The statuses of these users (offline ones answered as {@code offline}). */
    public Uni<List<JsonObject>> statuses(List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] keys = userIds.stream().map(PresenceStore::userKey).toArray(String[]::new);
        return values.mget(keys).map(found -> {
            List<JsonObject> out = new ArrayList<>();
            for (UUID id : userIds) {
                String text = found.get(userKey(id));
                out.add(text == null ? new JsonObject().put("userId", id.toString()).put("status", "offline")
                        : new JsonObject(text));
            }
            return out;
        });
    }
}
