package dev.festival.realtime.namespaces;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where crew members last reported being ({@code update_position} on /zones), per festival, in Redis
 * (shared by the pods). A position older than {@link #STALE} is no longer shown.
 */
@ApplicationScoped
public class StaffPositions {
    static final Duration STALE = Duration.ofMinutes(10);

    @Inject
    ReactiveRedisDataSource redis;

    private ReactiveHashCommands<String, String, String> hashes;

    @PostConstruct
    void init() {
        hashes = redis.hash(String.class, String.class, String.class);
    }

    private static String key(UUID festivalId) {
        return "rt:positions:" + festivalId;
    }

    public Uni<Void> update(UUID festivalId, UUID userId, JsonObject position) {
        String key = key(festivalId);
        return hashes.hset(key, userId.toString(), position.encode())
                .call(() -> redis.key().expire(key, STALE.multipliedBy(6)))
                .replaceWithVoid();
    }

    public Uni<List<JsonObject>> current(UUID festivalId) {
        long oldest = Instant.now().minus(STALE).toEpochMilli();
        return hashes.hgetall(key(festivalId)).map(all -> {
            List<JsonObject> out = new ArrayList<>();
            for (String text : all.values()) {
                JsonObject position = new JsonObject(text);
                if (position.getLong("updatedAtMs", 0L) >= oldest) {
                    out.add(position);
                }
            }
            return out;
        });
    }
}
