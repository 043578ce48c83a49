package dev.festival.zones;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The gate's hot-path SQL: a scan is ONE statement (one round trip). In a chain of CTEs it reads the
 * zone, the caller's right on its festival, the ticket (through the view {@code zone_gate_tickets})
 * and its presence in the zone, decides the reason, then
 * <ol>
 *   <li>changes the zone's counter with a conditional UPDATE ({@code current_occupancy < capacity} is
 *       re-checked on the latest row version after waiting for a concurrent scan: never over capacity);</li>
 *   <li>only if that succeeded, flips the (zone, ticket) presence row — IN only from outside
 *       ({@code ON CONFLICT … DO UPDATE … WHERE NOT inside}), OUT only from inside;</li>
 *   <li>bumps the minute's traffic row, inserts the capacity alert when this entry crossed a level
 *       ({@code zone_alert_level}), and inserts the access-log row, admitted or not.</li>
 * </ol>
 * The decision in step 0 reads the statement's snapshot. Every scan of a zone locks the zone row first,
 * so only a scan of the same ticket that committed while this one waited for that lock can make the
 * snapshot wrong; then step 2 finds the presence already flipped, and the statement calls
 * {@code zone_scan_raced()}, which aborts it (SQLSTATE 40001): everything rolls back and
 * {@link #scan} runs it again on a fresh snapshot. So of concurrent scans of one ticket exactly one
 * is admitted, and the counter always equals the number of presence rows inside.
 *
 * <p>Access to the festival is decided in the statement with the rule of
 * {@code FestivalAccess.requireOrgOrMember(festivalId, STAFF, SECURITY)} (ADMIN, the owner, or an
 * ORGANIZER, STAFF or SECURITY member); the statement returns the facts (owner, member role) and the
 * service turns a refusal into the same 403 as FestivalAccess. A separate access query would double
 * the round trips of a scan. Nothing is written for a caller without the right.
 *
 * <p>Offline uploads name each scan by (deviceId, clientScanId): a scan seen before is answered from
 * its log row ({@code prior}) and changes nothing; two concurrent uploads of one scan collide on the
 * unique index, and the loser's statement is run again, which then finds the winner's row.
 */
@ApplicationScoped
public class GateStore {
    /** How a scan names the ticket; each is its own prepared statement so that an index serves it. */
    enum Ref { TICKET, TAG }

    /** What a scan or check statement found and did. */
    record Outcome(boolean zoneFound, UUID festivalId, String zoneName, UUID organizerId, String memberRole,
                   boolean callerOk,
                   // the zone as the statement's snapshot saw it, and after the counter change (if any)
                   int occupancyBefore, Integer capacityBefore, int threshold, Integer occupancyAfter,
                   Integer capacityAfter,
                   String reason, boolean allowed, UUID logId, boolean duplicate,
                   Ticket ticket, Alert alert) {
    }

    record Ticket(UUID id, UUID festivalId, UUID categoryId, UUID userId, String status, String type,
                  String categoryName, String firstName, String lastName) {
    }

    record Alert(UUID id, String type, String level, String message, int occupancy, Integer capacity,
                 OffsetDateTime createdAt) {
    }

    /** A scan's parameters. {@code revision} is the QR's (null: any); {@code scannedAt} null = now. */
    record Scan(UUID zoneId, Ref ref, Object ticketRef, Integer revision, String direction, UUID callerId,
                boolean callerAdmin, String deviceId, String clientScanId, OffsetDateTime scannedAt, String method) {
    }

    /** Attempts of one scan when it loses a race (see the class comment); each retry sees a newer snapshot. */
    static final int MAX_ATTEMPTS = 8;

    // Parameters shared by scan and check: $1 zone, $2 ticket id | NFC tag, $3 QR revision (null = any),
    // $4 direction IN|OUT, $5 caller, $6 caller is ADMIN. The scan adds $7 device, $8 client scan id,
    // $9 scanned at (null = now; never in the future), $10 log id, $11 alert id, $12 method.
    private static final String ZONE = """
            z AS (
                SELECT z.id, z.festival_id, z.name, z.capacity, z.current_occupancy, z.capacity_warning_threshold,
                       z.allowed_category_ids, z.requires_ticket_type, f.organizer_id, m.role AS member_role, at.ts,
                       z.is_active
                       AND (z.opens_at IS NULL OR at.ts >= z.opens_at) AND (z.closes_at IS NULL OR at.ts < z.closes_at)
                       AND CASE WHEN z.daily_open IS NULL AND z.daily_close IS NULL THEN true
                                WHEN COALESCE(z.daily_open, '00:00') = COALESCE(z.daily_close, '24:00') THEN true
                                WHEN COALESCE(z.daily_open, '00:00') < COALESCE(z.daily_close, '24:00')
                                     THEN (at.ts AT TIME ZONE f.timezone)::time >= COALESCE(z.daily_open, '00:00')
                                      AND (at.ts AT TIME ZONE f.timezone)::time < COALESCE(z.daily_close, '24:00')
                                ELSE (at.ts AT TIME ZONE f.timezone)::time >= z.daily_open
                                  OR (at.ts AT TIME ZONE f.timezone)::time < z.daily_close END AS is_open
                  FROM zones z
                  JOIN festivals f ON f.id = z.festival_id AND f.deleted_at IS NULL
                  CROSS JOIN (SELECT %s AS ts) at
                  LEFT JOIN festival_members m ON m.festival_id = z.festival_id AND m.user_id = $5::uuid
                 WHERE z.id = $1::uuid AND z.deleted_at IS NULL),
            caller_ok AS (
                SELECT 1 FROM z
                 WHERE $6::boolean OR z.organizer_id = $5::uuid OR z.member_role IN ('ORGANIZER', 'STAFF', 'SECURITY')),
            """;

    /** May this ticket (t) enter this zone (z): no restriction, its category or type listed, or its category lists the zone. */
    private static final String CATEGORY_ALLOWED = """
            ((cardinality(z.allowed_category_ids) = 0 AND cardinality(z.requires_ticket_type) = 0)
             OR %1$s.category_id = ANY (z.allowed_category_ids) OR %1$s.ticket_type = ANY (z.requires_ticket_type)
             OR z.id::text = ANY (%1$s.category_zone_ids))""";

    private static final String TICKET_BY_ID = """
            t AS (SELECT v.*, false AS tag_blocked FROM zone_gate_tickets v WHERE v.id = $2::uuid),
            """;

    // A tag names a person: their ticket for this festival that fits best (live, admitted here, and
    // inside for an exit / outside for an entry).
    private static final String TICKET_BY_TAG = """
            tag AS (SELECT g.user_id, g.nfc_blocked FROM zone_gate_tags g WHERE g.nfc_tag_id = $2::text),
            t AS (
                SELECT v.*, tag.nfc_blocked AS tag_blocked
                  FROM zone_gate_tickets v, tag, z
                 WHERE v.user_id = tag.user_id AND v.festival_id = z.festival_id
                 ORDER BY v.status IN ('SOLD', 'USED') DESC, %s DESC,
                          EXISTS (SELECT 1 FROM zone_presence pr
                                   WHERE pr.zone_id = z.id AND pr.ticket_id = v.id AND pr.inside) = ($4::text = 'OUT') DESC,
                          v.id
                 LIMIT 1),
            """.formatted(CATEGORY_ALLOWED.formatted("v"));

    // Exits are never refused for the ticket's state, the hours or the category: leaving is always safe.
    private static final String VERDICT = """
            p AS (SELECT pr.inside FROM zone_presence pr, t WHERE pr.zone_id = $1::uuid AND pr.ticket_id = t.id),
            verdict AS (
                SELECT CASE
                         WHEN t.id IS NULL OR t.festival_id <> z.festival_id THEN 'invalid'
                         WHEN $4::text = 'OUT' THEN CASE WHEN COALESCE(p.inside, false) THEN 'ok' ELSE 'not_inside' END
                         WHEN t.tag_blocked OR t.revision <> COALESCE($3::int, t.revision)
                              OR t.status IN ('CANCELLED', 'REFUNDED') THEN 'revoked'
                         WHEN t.status NOT IN ('SOLD', 'USED') THEN 'invalid'
                         WHEN NOT z.is_open THEN 'closed'
                         WHEN NOT %s THEN 'category_not_allowed'
                         WHEN COALESCE(p.inside, false) THEN 'already_inside'
                         WHEN z.capacity IS NOT NULL AND z.current_occupancy >= z.capacity THEN 'zone_full'
                         ELSE 'ok' END AS reason,
                       CASE WHEN t.festival_id = z.festival_id THEN t.id END AS ticket_id,
                       CASE WHEN t.festival_id = z.festival_id THEN t.user_id END AS holder_id
                  FROM z LEFT JOIN t ON true LEFT JOIN p ON true
                 WHERE EXISTS (SELECT 1 FROM caller_ok) %%s)
            """.formatted(CATEGORY_ALLOWED.formatted("t"));

    private static final String WRITES = """
            ,
            cap AS (
                UPDATE zones zz
                   SET current_occupancy = CASE WHEN $4::text = 'IN' THEN zz.current_occupancy + 1
                                                ELSE GREATEST(zz.current_occupancy - 1, 0) END
                  FROM verdict v
                 WHERE zz.id = $1::uuid AND v.reason = 'ok'
                   AND ($4::text = 'OUT' OR zz.capacity IS NULL OR zz.current_occupancy < zz.capacity)
                RETURNING zz.current_occupancy AS occupancy, zz.capacity, zz.capacity_warning_threshold AS threshold),
            pres_in AS (
                INSERT INTO zone_presence AS pr (zone_id, ticket_id, festival_id, inside, entered_at, updated_at)
                SELECT $1::uuid, v.ticket_id, z.festival_id, true, z.ts, now() FROM cap, verdict v, z
                 WHERE $4::text = 'IN'
                ON CONFLICT (zone_id, ticket_id) DO UPDATE
                   SET inside = true, entered_at = EXCLUDED.entered_at, updated_at = now()
                 WHERE NOT pr.inside
                RETURNING 1 AS done),
            pres_out AS (
                UPDATE zone_presence pr SET inside = false, left_at = z.ts, updated_at = now()
                  FROM cap, verdict v, z
                 WHERE $4::text = 'OUT' AND pr.zone_id = $1::uuid AND pr.ticket_id = v.ticket_id AND pr.inside
                RETURNING 1 AS done),
            traffic AS (
                INSERT INTO zone_traffic AS tr (zone_id, minute, festival_id, entries, exits)
                SELECT $1::uuid, date_trunc('minute', now()), z.festival_id,
                       CASE WHEN $4::text = 'IN' THEN 1 ELSE 0 END, CASE WHEN $4::text = 'OUT' THEN 1 ELSE 0 END
                  FROM cap, z
                ON CONFLICT (zone_id, minute) DO UPDATE
                   SET entries = tr.entries + EXCLUDED.entries, exits = tr.exits + EXCLUDED.exits
                RETURNING 1 AS done),
            alert AS (
                INSERT INTO zone_alerts (id, festival_id, zone_id, type, level, message, occupancy, capacity)
                SELECT $11::uuid, z.festival_id, $1::uuid,
                       CASE WHEN lv.now >= 2 THEN 'capacity_critical' ELSE 'capacity_warning' END,
                       CASE WHEN lv.now >= 2 THEN 'critical' ELSE 'warning' END,
                       CASE WHEN lv.now = 3 THEN format('%s is full (%s/%s)', z.name, cap.occupancy, cap.capacity)
                            ELSE format('%s is at %s%% of its capacity (%s/%s)', z.name,
                                        cap.occupancy * 100 / cap.capacity, cap.occupancy, cap.capacity) END,
                       cap.occupancy, cap.capacity
                  FROM cap, z,
                       LATERAL (SELECT zone_alert_level(cap.occupancy, cap.capacity, cap.threshold) AS now,
                                       zone_alert_level(cap.occupancy - 1, cap.capacity, cap.threshold) AS before) lv
                 WHERE $4::text = 'IN' AND lv.now > lv.before
                RETURNING id, type, level, message, occupancy, capacity, created_at),
            ins AS (
                INSERT INTO zone_access_logs (id, festival_id, zone_id, ticket_id, holder_id, direction, allowed, reason,
                                              method, device_id, client_scan_id, scanned_by, occupancy_after, scanned_at)
                SELECT $10::uuid, z.festival_id, $1::uuid, v.ticket_id, v.holder_id, $4::text, cap.occupancy IS NOT NULL,
                       CASE WHEN v.reason <> 'ok' THEN v.reason WHEN cap.occupancy IS NOT NULL THEN 'ok'
                            ELSE 'zone_full' END,
                       $12::text, $7::text, $8::text, $5::uuid, COALESCE(cap.occupancy, z.current_occupancy), z.ts
                  FROM verdict v CROSS JOIN z LEFT JOIN cap ON true
                RETURNING id, allowed, reason)
            SELECT EXISTS (SELECT 1 FROM z) AS zone_found, z.festival_id, z.name AS zone_name, z.organizer_id,
                   z.member_role, EXISTS (SELECT 1 FROM caller_ok) AS caller_ok, z.current_occupancy AS occ_before,
                   z.capacity AS cap_before, z.capacity_warning_threshold AS threshold,
                   cap.occupancy AS occ_after, cap.capacity AS cap_after,
                   COALESCE(ins.reason, prior.reason) AS reason, COALESCE(ins.allowed, prior.allowed, false) AS allowed,
                   COALESCE(ins.id, prior.id) AS log_id, prior.id IS NOT NULL AS duplicate,
                   t.id AS t_id, t.festival_id AS t_festival_id, t.category_id AS t_category_id, t.user_id AS t_user_id,
                   t.status AS t_status, t.ticket_type AS t_type, t.category_name AS t_category_name,
                   t.first_name AS t_first_name, t.last_name AS t_last_name,
                   alert.id AS alert_id, alert.type AS alert_type, alert.level AS alert_level,
                   alert.message AS alert_message, alert.occupancy AS alert_occupancy,
                   alert.capacity AS alert_capacity, alert.created_at AS alert_at,
                   (SELECT zone_scan_raced() FROM cap
                     WHERE NOT EXISTS (SELECT 1 FROM pres_in) AND NOT EXISTS (SELECT 1 FROM pres_out)) AS raced
              FROM (SELECT 1) one LEFT JOIN z ON true LEFT JOIN prior ON true LEFT JOIN ins ON true
                   LEFT JOIN cap ON true LEFT JOIN t ON true LEFT JOIN alert ON true""";

    private static final String PRIOR = """
            prior AS (
                SELECT l.id, l.allowed, l.reason FROM zone_access_logs l
                 WHERE $8::text IS NOT NULL AND l.device_id = $7::text AND l.client_scan_id = $8::text),
            """;

    private static final String CHECK_SELECT = """

            SELECT EXISTS (SELECT 1 FROM z) AS zone_found, z.festival_id, z.name AS zone_name, z.organizer_id,
                   z.member_role, EXISTS (SELECT 1 FROM caller_ok) AS caller_ok, z.current_occupancy AS occ_before,
                   z.capacity AS cap_before, z.capacity_warning_threshold AS threshold,
                   NULL::int AS occ_after, NULL::int AS cap_after, v.reason, v.reason = 'ok' AS allowed,
                   NULL::uuid AS log_id, false AS duplicate,
                   t.id AS t_id, t.festival_id AS t_festival_id, t.category_id AS t_category_id, t.user_id AS t_user_id,
                   t.status AS t_status, t.ticket_type AS t_type, t.category_name AS t_category_name,
                   t.first_name AS t_first_name, t.last_name AS t_last_name,
                   NULL::uuid AS alert_id, NULL AS alert_type, NULL AS alert_level, NULL AS alert_message,
                   NULL::int AS alert_occupancy, NULL::int AS alert_capacity, NULL::timestamptz AS alert_at,
                   NULL::boolean AS raced
              FROM (SELECT 1) one LEFT JOIN z ON true LEFT JOIN verdict v ON true LEFT JOIN t ON true""";

    static final String SCAN_BY_TICKET = scanSql(TICKET_BY_ID);
    static final String SCAN_BY_TAG = scanSql(TICKET_BY_TAG);
    static final String CHECK_BY_TICKET = checkSql(TICKET_BY_ID);
    static final String CHECK_BY_TAG = checkSql(TICKET_BY_TAG);

    private static String scanSql(String ticket) {
        return "WITH " + ZONE.formatted("LEAST($9::timestamptz, now())") + PRIOR + ticket
                + VERDICT.formatted("AND NOT EXISTS (SELECT 1 FROM prior)") + WRITES;
    }

    private static String checkSql(String ticket) {
        return "WITH " + ZONE.formatted("now()") + ticket + VERDICT.formatted("") + CHECK_SELECT;
    }

    @Inject
    Pool pool;

    /** Runs a scan; re-runs it when it lost a race to a concurrent scan of the same ticket or scan id. */
    Uni<Outcome> scan(Scan s) {
        String sql = s.ref() == Ref.TAG ? SCAN_BY_TAG : SCAN_BY_TICKET;
        return Uni.createFrom().deferred(() -> pool.preparedQuery(sql)
                        .execute(Tuple.from(new Object[] {s.zoneId(), s.ticketRef(), s.revision(), s.direction(),
                                s.callerId(), s.callerAdmin(), s.deviceId(), s.clientScanId(), s.scannedAt(),
                                ZoneIds.next(), ZoneIds.next(), s.method()})))
                .onFailure(GateStore::lostRace).retry().atMost(MAX_ATTEMPTS - 1)
                .map(rows -> outcome(rows.iterator().next()));
    }

    /** The same decision as {@link #scan}, read-only (no counter, presence nor log row changes). */
    Uni<Outcome> check(UUID zoneId, Ref ref, Object ticketRef, Integer revision, String direction, UUID callerId,
                       boolean callerAdmin) {
        return pool.preparedQuery(ref == Ref.TAG ? CHECK_BY_TAG : CHECK_BY_TICKET)
                .execute(Tuple.from(new Object[] {zoneId, ticketRef, revision, direction, callerId, callerAdmin}))
                .map(rows -> outcome(rows.iterator().next()));
    }

    /** 40001 from zone_scan_raced(), or 23505 on the offline scan id (a concurrent upload of the same scan). */
    static boolean lostRace(Throwable e) {
        return e instanceof PgException pg && ("40001".equals(pg.getSqlState())
                || ("23505".equals(pg.getSqlState())
                    && String.valueOf(pg.getConstraint()).contains("zone_access_logs_client_scan_key")));
    }

    private static Outcome outcome(Row r) {
        boolean found = r.getBoolean("zone_found");
        if (!found) {
            return new Outcome(false, null, null, null, null, false, 0, null, 0, null, null, null, false, null, false,
                    null, null);
        }
        UUID tid = r.getUUID("t_id");
        Ticket ticket = tid == null ? null : new Ticket(tid, r.getUUID("t_festival_id"), r.getUUID("t_category_id"),
                r.getUUID("t_user_id"), r.getString("t_status"), r.getString("t_type"), r.getString("t_category_name"),
                r.getString("t_first_name"), r.getString("t_last_name"));
        UUID aid = r.getUUID("alert_id");
        Alert alert = aid == null ? null : new Alert(aid, r.getString("alert_type"), r.getString("alert_level"),
                r.getString("alert_message"), r.getInteger("alert_occupancy"), r.getInteger("alert_capacity"),
                r.getOffsetDateTime("alert_at"));
        return new Outcome(true, r.getUUID("festival_id"), r.getString("zone_name"), r.getUUID("organizer_id"),
                r.getString("member_role"), r.getBoolean("caller_ok"), r.getInteger("occ_before"),
                r.getInteger("cap_before"), r.getInteger("threshold"), r.getInteger("occ_after"),
                r.getInteger("cap_after"), r.getString("reason"), Boolean.TRUE.equals(r.getBoolean("allowed")),
                r.getUUID("log_id"), Boolean.TRUE.equals(r.getBoolean("duplicate")), ticket, alert);
    }
}
