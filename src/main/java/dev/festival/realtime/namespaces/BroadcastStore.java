package dev.festival.realtime.namespaces;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Broadcasts, emergencies and schedule changes sent on /broadcast, kept so that {@code get_active}
 * and {@code get_schedule_changes} can answer a client that connects later, and per-user receipts
 * ({@code mark_read}, {@code dismiss}).
 */
@ApplicationScoped
public class BroadcastStore {
    public static final String BROADCAST = "BROADCAST";
    public static final String EMERGENCY = "EMERGENCY";
    public static final String SCHEDULE_CHANGE = "SCHEDULE_CHANGE";

    @Inject
    Pool pool;

    /**
     * A broadcast ({@code broadcast}, {@code schedule_change}) or an emergency ({@code emergency_alert}),
     * as the events carry it. {@code read}/{@code dismissed} are the asking user's receipts (lists only).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BroadcastView(UUID id, UUID festivalId, String kind, String title, String message, String category,
                                String priority, String target, String level, String instructions,
                                List<String> affectedZones, Map<String, Object> data, UUID senderId,
                                OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime resolvedAt,
                                UUID resolvedBy, Boolean read, Boolean dismissed) {
        boolean crewOnly() {
            return "staff".equals(target) || "crew".equals(target);
        }
    }

    /** What a sender gives; kind-specific fields may be null. */
    public record NewBroadcast(UUID festivalId, String kind, String title, String message, String category,
                               String priority, String target, String level, String instructions,
                               List<String> affectedZones, JsonObject data, UUID senderId, OffsetDateTime expiresAt) {}

    private static final String COLUMNS = """
            b.id, b.festival_id, b.kind, b.title, b.message, b.category, b.priority, b.target, b.level,
            b.instructions, b.affected_zones, b.data, b.sent_by, b.created_at, b.expires_at, b.resolved_at,
            b.resolved_by""";

    public Uni<BroadcastView> create(NewBroadcast b) {
        return pool.preparedQuery("""
                        INSERT INTO realtime_broadcasts AS b (id, festival_id, kind, title, message, category, priority,
                               target, level, instructions, affected_zones, data, sent_by, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                        RETURNING %s, NULL::boolean AS read, NULL::boolean AS dismissed""".formatted(COLUMNS))
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), b.festivalId(), b.kind(), b.title(), b.message(),
                        b.category(), b.priority(), b.target(), b.level(), b.instructions(),
                        b.affectedZones().toArray(String[]::new), b.data(), b.senderId(), b.expiresAt())))
                .map(rows -> view(rows.iterator().next()));
    }

    /** Resolves an open emergency; 404 when there is no such emergency, 409 when it is already resolved. */
    public Uni<BroadcastView> resolveEmergency(UUID emergencyId, UUID by) {
        return pool.preparedQuery("""
                        UPDATE realtime_broadcasts b SET resolved_at = now(), resolved_by = $2
                         WHERE b.id = $1 AND b.kind = 'EMERGENCY' AND b.resolved_at IS NULL
                     RETURNING %s, NULL::boolean AS read, NULL::boolean AS dismissed""".formatted(COLUMNS))
                .execute(Tuple.of(emergencyId, by))
                .flatMap(rows -> {
                    if (rows.size() > 0) {
                        return Uni.createFrom().item(view(rows.iterator().next()));
                    }
                    // only on refusal: tell "no such emergency" from "already resolved"
                    return pool.preparedQuery("SELECT 1 FROM realtime_broadcasts WHERE id = $1 AND kind = 'EMERGENCY'")
                            .execute(Tuple.of(emergencyId))
                            .map(found -> {
                                throw found.size() == 0 ? ApiException.notFound("Emergency")
                                        : new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                                                "The emergency is already resolved");
                            });
                });
    }

    /** The festival a broadcast or emergency belongs to, or 404. */
    public Uni<UUID> festivalOf(UUID broadcastId) {
        return pool.preparedQuery("SELECT festival_id FROM realtime_broadcasts WHERE id = $1")
                .execute(Tuple.of(broadcastId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("Broadcast");
                    }
                    return rows.iterator().next().getUUID("festival_id");
                });
    }

    /**
     * What is still in force for a user: unresolved emergencies, and broadcasts neither expired nor
     * dismissed by them (crew-only ones for crew only); newest first, at most 100.
     */
    public Uni<List<BroadcastView>> active(UUID festivalId, UUID userId, boolean crew) {
        return pool.preparedQuery("""
                        SELECT %s, r.read_at IS NOT NULL AS read, r.dismissed_at IS NOT NULL AS dismissed
                          FROM realtime_broadcasts b
                          LEFT JOIN realtime_broadcast_receipts r ON r.broadcast_id = b.id AND r.user_id = $2
                         WHERE b.festival_id = $1 AND b.resolved_at IS NULL
                           AND (b.expires_at IS NULL OR b.expires_at > now())
                           AND (b.kind = 'EMERGENCY' OR r.dismissed_at IS NULL)
                           AND ($3 OR b.target NOT IN ('staff', 'crew'))
                         ORDER BY b.created_at DESC
                         LIMIT 100""".formatted(COLUMNS))
                .execute(Tuple.of(festivalId, userId, crew))
                .map(BroadcastStore::views);
    }

    /** Schedule changes of the festival, newest first (optionally since a time), at most 100. */
    public Uni<List<BroadcastView>> scheduleChanges(UUID festivalId, OffsetDateTime since) {
        return pool.preparedQuery("""
                        SELECT %s, NULL::boolean AS read, NULL::boolean AS dismissed
                          FROM realtime_broadcasts b
                         WHERE b.festival_id = $1 AND b.kind = 'SCHEDULE_CHANGE' AND ($2::timestamptz IS NULL OR b.created_at > $2)
                         ORDER BY b.created_at DESC
                         LIMIT 100""".formatted(COLUMNS))
                .execute(Tuple.of(festivalId, since))
                .map(BroadcastStore::views);
    }

    /** Records that the user read (or dismissed) a broadcast; 404 when there is no such broadcast. */
    public Uni<Void> receipt(UUID broadcastId, UUID userId, boolean dismiss) {
        return pool.preparedQuery("""
                        INSERT INTO realtime_broadcast_receipts (broadcast_id, user_id, festival_id, read_at, dismissed_at)
                        SELECT b.id, $2, b.festival_id, now(), CASE WHEN $3 THEN now() END
                          FROM realtime_broadcasts b WHERE b.id = $1
                        ON CONFLICT (broadcast_id, user_id) DO UPDATE
                           SET read_at = coalesce(realtime_broadcast_receipts.read_at, now()),
                               dismissed_at = CASE WHEN $3 THEN coalesce(realtime_broadcast_receipts.dismissed_at, now())
                                                   ELSE realtime_broadcast_receipts.dismissed_at END""")
                .execute(Tuple.of(broadcastId, userId, dismiss))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ApiException.notFound("Broadcast");
                    }
                    return null;
                });
    }

    private static List<BroadcastView> views(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<BroadcastView> list = new ArrayList<>();
        rows.forEach(row -> list.add(view(row)));
        return list;
    }

    private static BroadcastView view(Row row) {
        String[] zones = row.getArrayOfStrings("affected_zones");
        Object data = row.getValue("data");
        return new BroadcastView(row.getUUID("id"), row.getUUID("festival_id"), row.getString("kind"),
                row.getString("title"), row.getString("message"), row.getString("category"),
                row.getString("priority"), row.getString("target"), row.getString("level"),
                row.getString("instructions"), zones == null ? List.of() : List.of(zones),
                data instanceof JsonObject json ? json.getMap() : null, row.getUUID("sent_by"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("expires_at"),
                row.getOffsetDateTime("resolved_at"), row.getUUID("resolved_by"),
                row.getBoolean("read"), row.getBoolean("dismissed"));
    }
}
