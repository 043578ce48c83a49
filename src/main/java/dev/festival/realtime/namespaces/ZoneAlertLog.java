package dev.festival.realtime.namespaces;

import dev.festival.common.error.ApiException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.list.ReactiveListCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The recent {@code zone_alert}s of each festival, for {@code get_alerts} and {@code acknowledge_alert}
 * on /zones. Kept in Redis (shared by the pods, a day at most, the last 100 per festival): the zones
 * feature raises alerts by publishing them, and the publishing pod records each one here once.
 */
@ApplicationScoped
public class ZoneAlertLog {
    private static final Logger LOG = Logger.getLogger(ZoneAlertLog.class);
    static final int KEEP = 100;
    static final Duration TTL = Duration.ofHours(24);

    @Inject
    ReactiveRedisDataSource redis;

    private ReactiveListCommands<String, String> lists;
    private ReactiveHashCommands<String, String, String> hashes;

    @PostConstruct
    void init() {
        lists = redis.list(String.class, String.class);
        hashes = redis.hash(String.class, String.class, String.class);
    }

    private static String alertsKey(UUID festivalId) {
        return "rt:alerts:" + festivalId;
    }

    private static String acksKey(UUID festivalId) {
        return "rt:alerts:acks:" + festivalId;
    }

    /** Records a published zone_alert (JSON with festivalId and id); fire and forget. */
    public void record(String alertJson) {
        UUID festivalId;
        try {
            JsonObject alert = new JsonObject(alertJson);
            festivalId = UUID.fromString(alert.getString("festivalId"));
            if (alert.getValue("id") == null) {
                return;
            }
        } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            return;
        }
        String key = alertsKey(festivalId);
        lists.lpush(key, alertJson)
                .chain(() -> lists.ltrim(key, 0, KEEP - 1))
                .chain(() -> redis.key().expire(key, TTL))
                .subscribe().with(v -> { }, f -> LOG.debugf(f, "zone alert not recorded"));
    }

    /** The festival's recent alerts, newest first, each with {@code acknowledged} (and by whom, when). */
    public Uni<List<JsonObject>> recent(UUID festivalId) {
        return lists.lrange(alertsKey(festivalId), 0, KEEP - 1)
                .flatMap(alerts -> hashes.hgetall(acksKey(festivalId)).map(acks -> merge(alerts, acks)));
    }

    private static List<JsonObject> merge(List<String> alerts, Map<String, String> acks) {
        List<JsonObject> out = new ArrayList<>();
        for (String text : alerts) {
            JsonObject alert = new JsonObject(text);
            String ack = acks.get(String.valueOf(alert.getValue("id")));
            alert.put("acknowledged", ack != null);
            if (ack != null) {
                alert.mergeIn(new JsonObject(ack));
            }
            out.add(alert);
        }
        return out;
    }

    /** Marks an alert acknowledged (the first acknowledgement counts); 404 when the festival has no such alert. */
    public Uni<JsonObject> acknowledge(UUID festivalId, String alertId, UUID by) {
        return lists.lrange(alertsKey(festivalId), 0, KEEP - 1).flatMap(alerts -> {
            boolean known = alerts.stream().anyMatch(a -> alertId.equals(String.valueOf(new JsonObject(a).getValue("id"))));
            if (!known) {
                return Uni.createFrom().failure(ApiException.notFound("Alert"));
            }
            JsonObject ack = new JsonObject().put("acknowledgedBy", by.toString())
                    .put("acknowledgedAt", Instant.now().toString());
            String key = acksKey(festivalId);
            return hashes.hsetnx(key, alertId, ack.encode())
                    .call(() -> redis.key().expire(key, TTL))
                    .flatMap(first -> first ? Uni.createFrom().item(ack)
                            : hashes.hget(key, alertId).map(JsonObject::new))
                    .map(stored -> new JsonObject().put("alertId", alertId).put("festivalId", festivalId.toString())
                            .mergeIn(stored));
        });
    }
}
