package dev.festival.zones;

import dev.festival.zones.dto.AccessLogView;
import dev.festival.zones.dto.ZoneAlertView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Zone rows (ordinary CRUD), occupancy reads, the access log and alerts, on the reactive client. */
@ApplicationScoped
public class ZoneStore {
    /** A page of access-log rows and the total. */
    record LogPage(List<AccessLogView> rows, long total) {
    }

    /** A page of zones and the total. */
    record ZonePage(List<ZoneRow> rows, long total) {
    }

    /** A page of alerts and the total. */
    record AlertPage(List<ZoneAlertView> rows, long total) {
    }

    /** Sort fields of the zone list and their columns. */
    static final Map<String, String> ZONE_SORT = Map.of("name", "z.name", "createdAt", "z.created_at",
            "capacity", "z.capacity", "currentOccupancy", "z.current_occupancy");

    /** What an occupancy_update event says beyond the zone row: the last hour's traffic and the trend. */
    record Traffic(ZoneRow zone, long entriesLastHour, long exitsLastHour, long netLastFiveMinutes) {
    }

    @Inject
    Pool pool;

    /** Whether the festival exists (not deleted). */
    Uni<Boolean> festivalExists(UUID festivalId) {
        return pool.preparedQuery("SELECT 1 FROM festivals WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(festivalId)).map(rows -> rows.size() > 0);
    }

    Uni<ZoneRow> find(UUID id) {
        return pool.preparedQuery("SELECT " + ZoneRow.COLUMNS + """
                          FROM zones z JOIN festivals f ON f.id = z.festival_id AND f.deleted_at IS NULL
                         WHERE z.id = $1 AND z.deleted_at IS NULL""")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : ZoneRow.of(rows.iterator().next()));
    }

    Uni<List<ZoneRow>> byFestival(UUID festivalId) {
        return pool.preparedQuery("SELECT " + ZoneRow.COLUMNS
                        + " FROM zones z WHERE z.festival_id = $1 AND z.deleted_at IS NULL ORDER BY z.name, z.id")
                .execute(Tuple.of(festivalId))
                .map(ZoneStore::zones);
    }

    /** One page of a festival's zones; {@code search} matches the name (case-insensitive). */
    Uni<ZonePage> page(UUID festivalId, String search, String sortColumn, boolean ascending, int limit, long offset) {
        String where = " FROM zones z WHERE z.festival_id = $1 AND z.deleted_at IS NULL"
                + " AND ($2::text IS NULL OR z.name ILIKE '%' || $2 || '%')";
        String order = " ORDER BY " + sortColumn + (ascending ? " ASC NULLS FIRST" : " DESC NULLS LAST") + ", z.id";
        Uni<List<ZoneRow>> rows = pool.preparedQuery("SELECT " + ZoneRow.COLUMNS + where + order + " LIMIT $3 OFFSET $4")
                .execute(Tuple.of(festivalId, search, limit, offset)).map(ZoneStore::zones);
        Uni<Long> total = pool.preparedQuery("SELECT count(*)" + where).execute(Tuple.of(festivalId, search))
                .map(r -> r.iterator().next().getLong(0));
        return Uni.combine().all().unis(rows, total).asTuple().map(t -> new ZonePage(t.getItem1(), t.getItem2()));
    }

    Uni<ZoneRow> insert(UUID id, UUID festivalId, Map<String, Object> columns) {
        List<String> names = new ArrayList<>(List.of("id", "festival_id"));
        List<Object> values = new ArrayList<>(List.of(id, festivalId));
        columns.forEach((k, v) -> {
            names.add(k);
            values.add(v);
        });
        StringBuilder params = new StringBuilder();
        for (int i = 1; i <= names.size(); i++) {
            params.append(i == 1 ? "" : ", ").append('$').append(i);
        }
        return pool.preparedQuery("INSERT INTO zones AS z (" + String.join(", ", names) + ") VALUES (" + params
                        + ") RETURNING " + ZoneRow.COLUMNS)
                .execute(Tuple.from(values))
                .map(rows -> ZoneRow.of(rows.iterator().next()));
    }

    /**
     * Writes the given columns; with {@code resetPresence} (occupancy set to 0) everybody is marked
     * outside in the same statement. The zone row is locked first, as a scan does.
     */
    Uni<ZoneRow> update(UUID id, Map<String, Object> columns, boolean resetPresence) {
        List<Object> values = new ArrayList<>();
        values.add(id);
        StringBuilder set = new StringBuilder();
        columns.forEach((k, v) -> {
            values.add(v);
            set.append(k).append(" = $").append(values.size()).append(", ");
        });
        set.append("updated_at = now()");
        String sql = "WITH u AS (UPDATE zones z SET " + set + " WHERE z.id = $1 AND z.deleted_at IS NULL RETURNING "
                + ZoneRow.COLUMNS + ")"
                + (resetPresence ? ", r AS (UPDATE zone_presence p SET inside = false, left_at = now(), updated_at = now()"
                        + " FROM u WHERE p.zone_id = u.id AND p.inside)" : "")
                + " SELECT * FROM u";
        return pool.preparedQuery(sql).execute(Tuple.from(values))
                .map(rows -> rows.size() == 0 ? null : ZoneRow.of(rows.iterator().next()));
    }

    /** Soft delete; its children become top-level zones. False when there was no such zone. */
    Uni<Boolean> softDelete(UUID id) {
        return pool.preparedQuery("""
                        WITH d AS (UPDATE zones SET deleted_at = now(), updated_at = now()
                                    WHERE id = $1 AND deleted_at IS NULL RETURNING id),
                             c AS (UPDATE zones SET parent_zone_id = NULL, updated_at = now()
                                    WHERE parent_zone_id IN (SELECT id FROM d))
                        SELECT count(*) FROM d""")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong(0) > 0);
    }

    /**
     * Whether {@code parentId} may be the parent of {@code zoneId} (null for a new zone): a live zone
     * of the same festival that is not the zone itself nor one of its descendants.
     */
    Uni<Boolean> parentAllowed(UUID festivalId, UUID zoneId, UUID parentId) {
        return pool.preparedQuery("""
                        WITH RECURSIVE up AS (
                            SELECT z.id, z.parent_zone_id, 1 AS depth FROM zones z
                             WHERE z.id = $2 AND z.festival_id = $1 AND z.deleted_at IS NULL
                            UNION ALL
                            SELECT z.id, z.parent_zone_id, up.depth + 1 FROM zones z JOIN up ON z.id = up.parent_zone_id
                             WHERE up.depth < 100)
                        SELECT EXISTS (SELECT 1 FROM up WHERE up.depth = 1)
                               AND NOT EXISTS (SELECT 1 FROM up WHERE $3::uuid IS NOT NULL AND up.id = $3)""")
                .execute(Tuple.of(festivalId, parentId, zoneId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** A zone with its last hour of traffic, for occupancy_update; null when gone. */
    Uni<Traffic> traffic(UUID zoneId) {
        return pool.preparedQuery("SELECT " + ZoneRow.COLUMNS + """
                               , COALESCE((SELECT sum(t.entries) FROM zone_traffic t
                                            WHERE t.zone_id = z.id AND t.minute > now() - interval '1 hour'), 0) AS entries,
                                 COALESCE((SELECT sum(t.exits) FROM zone_traffic t
                                            WHERE t.zone_id = z.id AND t.minute > now() - interval '1 hour'), 0) AS exits,
                                 COALESCE((SELECT sum(t.entries - t.exits) FROM zone_traffic t
                                            WHERE t.zone_id = z.id AND t.minute >= date_trunc('minute', now())
                                                  - interval '4 minutes'), 0) AS net5
                          FROM zones z WHERE z.id = $1""")
                .execute(Tuple.of(zoneId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Traffic(ZoneRow.of(r), r.getLong("entries"), r.getLong("exits"), r.getLong("net5"));
                });
    }

    Uni<LogPage> accessLogs(UUID zoneId, OffsetDateTime from, OffsetDateTime to, String direction, Boolean allowed,
                            UUID ticketId, String deviceId, int limit, long offset, boolean ascending) {
        String where = """
                 WHERE l.zone_id = $1 AND ($2::timestamptz IS NULL OR l.scanned_at >= $2)
                   AND ($3::timestamptz IS NULL OR l.scanned_at <= $3) AND ($4::text IS NULL OR l.direction = $4)
                   AND ($5::boolean IS NULL OR l.allowed = $5) AND ($6::uuid IS NULL OR l.ticket_id = $6)
                   AND ($7::text IS NULL OR l.device_id = $7)""";
        Tuple args = Tuple.of(zoneId).addOffsetDateTime(from).addOffsetDateTime(to).addString(direction)
                .addBoolean(allowed).addUUID(ticketId).addString(deviceId);
        Uni<RowSet<Row>> page = pool.preparedQuery("SELECT l.* FROM zone_access_logs l " + where
                        + " ORDER BY l.scanned_at " + (ascending ? "ASC" : "DESC") + ", l.id " + (ascending ? "ASC" : "DESC")
                        + " LIMIT $8 OFFSET $9")
                .execute(Tuple.of(zoneId).addOffsetDateTime(from).addOffsetDateTime(to)
                        .addString(direction).addBoolean(allowed).addUUID(ticketId).addString(deviceId)
                        .addInteger(limit).addLong(offset));
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM zone_access_logs l " + where).execute(args)
                .map(rows -> rows.iterator().next().getLong(0));
        return Uni.combine().all().unis(page, total).asTuple().map(t -> {
            List<AccessLogView> out = new ArrayList<>();
            for (Row r : t.getItem1()) {
                out.add(accessLog(r));
            }
            return new LogPage(out, t.getItem2());
        });
    }

    /** Alerts of a festival (or of one of its zones), newest first. */
    Uni<AlertPage> alerts(UUID festivalId, UUID zoneId, int limit, long offset) {
        String where = " FROM zone_alerts a JOIN zones z ON z.id = a.zone_id"
                + " WHERE a.festival_id = $1 AND ($2::uuid IS NULL OR a.zone_id = $2)";
        Uni<List<ZoneAlertView>> rows = pool.preparedQuery("SELECT a.*, z.name AS zone_name" + where
                        + " ORDER BY a.created_at DESC, a.id DESC LIMIT $3 OFFSET $4")
                .execute(Tuple.of(festivalId, zoneId, limit, offset))
                .map(set -> {
                    List<ZoneAlertView> out = new ArrayList<>();
                    for (Row r : set) {
                        out.add(new ZoneAlertView(r.getUUID("id"), r.getUUID("zone_id"), r.getString("zone_name"),
                                r.getUUID("festival_id"), r.getString("type"), r.getString("message"),
                                r.getString("level"), r.getInteger("occupancy"), r.getInteger("capacity"),
                                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("acknowledged_at")));
                    }
                    return out;
                });
        Uni<Long> total = pool.preparedQuery("SELECT count(*)" + where).execute(Tuple.of(festivalId, zoneId))
                .map(r -> r.iterator().next().getLong(0));
        return Uni.combine().all().unis(rows, total).asTuple().map(t -> new AlertPage(t.getItem1(), t.getItem2()));
    }

    static AccessLogView accessLog(Row r) {
        String direction = r.getString("direction");
        boolean allowed = r.getBoolean("allowed");
        return new AccessLogView(r.getUUID("id"), r.getUUID("zone_id"), r.getUUID("festival_id"),
                r.getUUID("ticket_id"), r.getUUID("holder_id"), "IN".equals(direction) ? "ENTRY" : "EXIT", direction,
                allowed, allowed, r.getString("reason"), r.getString("method"), r.getString("device_id"),
                r.getString("client_scan_id"), r.getUUID("scanned_by"), r.getInteger("occupancy_after"),
                r.getOffsetDateTime("scanned_at"), r.getOffsetDateTime("created_at"));
    }

    private static List<ZoneRow> zones(RowSet<Row> rows) {
        List<ZoneRow> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(ZoneRow.of(r));
        }
        return out;
    }
}
