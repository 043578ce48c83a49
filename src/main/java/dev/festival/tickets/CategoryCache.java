package dev.festival.tickets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.festival.tickets.dto.CategoryView;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The public category list of a festival, cached in Redis for a few seconds (availability moves
 * with every purchase, so only a short staleness is acceptable) and deleted on category writes.
 * Redis slow or down never fails a request: the list is read from PostgreSQL (fail open).
 */
@ApplicationScoped
public class CategoryCache {
    private static final Logger LOG = Logger.getLogger(CategoryCache.class);
    private static final Duration TIMEOUT = Duration.ofMillis(250);
    private static final TypeReference<List<CategoryView>> LIST = new TypeReference<>() {
    };

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Inject
    TicketsConfig config;

    static String key(UUID festivalId) {
        return "tickets:categories:" + festivalId;
    }

    Uni<List<CategoryView>> get(UUID festivalId, Supplier<Uni<List<CategoryView>>> load) {
        Duration ttl = config.categoryCacheTtl();
        if (ttl.isZero() || ttl.isNegative()) {
            return load.get();
        }
        return redis.value(String.class).get(key(festivalId))
                .ifNoItem().after(TIMEOUT).recoverWithItem((String) null)
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("category cache read failed: %s", e.getMessage());
                    return null;
                })
                .flatMap(cached -> {
                    if (cached != null) {
                        try {
                            return Uni.createFrom().item(json.readValue(cached, LIST));
                        } catch (Exception e) {
                            LOG.debugf("unreadable cached categories: %s", e.getMessage());
                        }
                    }
                    return load.get().call(list -> store(festivalId, list, ttl));
                });
    }

    private Uni<Void> store(UUID festivalId, List<CategoryView> list, Duration ttl) {
        String text;
        try {
            text = json.writeValueAsString(list);
        } catch (Exception e) {
            return Uni.createFrom().voidItem();
        }
        return redis.value(String.class).set(key(festivalId), text, new SetArgs().px(ttl))
                .replaceWithVoid()
                .ifNoItem().after(TIMEOUT).recoverWithItem((Void) null)
                .onFailure().recoverWithNull();
    }

    Uni<Void> invalidate(UUID festivalId) {
        return redis.key().del(key(festivalId))
                .replaceWithVoid()
                .ifNoItem().after(TIMEOUT).recoverWithItem((Void) null)
                .onFailure().recoverWithNull();
    }
}
