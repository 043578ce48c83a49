-- GENERATED from GateStore.SCAN_BY_TICKET by BenchSqlInStepTest (-Dbench.write=true); do not edit.
WITH z AS (
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
      CROSS JOIN (SELECT LEAST(NULL::timestamptz, now()) AS ts) at
      LEFT JOIN festival_members m ON m.festival_id = z.festival_id AND m.user_id = :sid::uuid
     WHERE z.id = ('50000000-0000-4000-8000-' || lpad(CAST(:zn AS text), 12, '0'))::uuid AND z.deleted_at IS NULL),
caller_ok AS (
    SELECT 1 FROM z
     WHERE false::boolean OR z.organizer_id = :sid::uuid OR z.member_role IN ('ORGANIZER', 'STAFF', 'SECURITY')),
prior AS (
    SELECT l.id, l.allowed, l.reason FROM zone_access_logs l
     WHERE NULL::text IS NOT NULL AND l.device_id = 'bench-pgbench'::text AND l.client_scan_id = NULL::text),
t AS (SELECT v.*, false AS tag_blocked FROM zone_gate_tickets v WHERE v.id = ('40000000-0000-4000-8000-' || lpad(CAST(:t AS text), 12, '0'))::uuid),
p AS (SELECT pr.inside FROM zone_presence pr, t WHERE pr.zone_id = ('50000000-0000-4000-8000-' || lpad(CAST(:zn AS text), 12, '0'))::uuid AND pr.ticket_id = t.id),
verdict AS (
    SELECT CASE
             WHEN t.id IS NULL OR t.festival_id <> z.festival_id THEN 'invalid'
             WHEN (CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)::text = 'OUT' THEN CASE WHEN COALESCE(p.inside, false) THEN 'ok' ELSE 'not_inside' END
             WHEN t.tag_blocked OR t.revision <> COALESCE(NULL::int, t.revision)
                  OR t.status IN ('CANCELLED', 'REFUNDED') THEN 'revoked'
             WHEN t.status NOT IN ('SOLD', 'USED') THEN 'invalid'
             WHEN NOT z.is_open THEN 'closed'
             WHEN NOT ((cardinality(z.allowed_category_ids) = 0 AND cardinality(z.requires_ticket_type) = 0)
 OR t.category_id = ANY (z.allowed_category_ids) OR t.ticket_type = ANY (z.requires_ticket_type)
 OR z.id::text = ANY (t.category_zone_ids)) THEN 'category_not_allowed'
             WHEN COALESCE(p.inside, false) THEN 'already_inside'
             WHEN z.capacity IS NOT NULL AND z.current_occupancy >= z.capacity THEN 'zone_full'
             ELSE 'ok' END AS reason,
           CASE WHEN t.festival_id = z.festival_id THEN t.id END AS ticket_id,
           CASE WHEN t.festival_id = z.festival_id THEN t.user_id END AS holder_id
      FROM z LEFT JOIN t ON true LEFT JOIN p ON true
     WHERE EXISTS (SELECT 1 FROM caller_ok) AND NOT EXISTS (SELECT 1 FROM prior))
,
cap AS (
    UPDATE zones zz
       SET current_occupancy = CASE WHEN (CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)::text = 'IN' THEN zz.current_occupancy + 1
                                    ELSE GREATEST(zz.current_occupancy - 1, 0) END
      FROM verdict v
     WHERE zz.id = ('50000000-0000-4000-8000-' || lpad(CAST(:zn AS text), 12, '0'))::uuid AND v.reason = 'ok'
       AND ((CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)::text = 'OUT' OR zz.capacity IS NULL OR zz.current_occupancy < zz.capacity)
    RETURNING zz.current_occupancy AS occupancy, zz.capacity, zz.capacity_warning_threshold AS threshold),
pres_in AS (
    INSERT INTO zone_presence AS pr (zone_id, ticket_id, festival_id, inside, entered_at, updated_at)
    SELECT ('50000000-0000-4000-8000-' || lpad(CAST(:zn AS text), 12, '0'))::uuid, v.ticket_id, z.festival_id, true, z.ts, now() FROM cap, verdict v, z
     WHERE (CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)::text = 'IN'
    ON CONFLICT (zone_id, ticket_id) DO UPDATE
       SET inside = true, entered_at = EXCLUDED.entered_at, updated_at = now()
     WHERE NOT pr.inside
    RETURNING 1 AS done),
pres_out AS (
    UPDATE zone_presence pr SET inside = false, left_at = z.ts, updated_at = now()
      FROM cap, verdict v, z
     WHERE (CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)::text = 'OUT' AND pr.zone_id = ('50000000-0000-4000-8000-' || lpad(CAST(:zn AS text), 12, '0'))::uuid AND pr.ticket_id = v.ticket_id AND pr.inside
    RETURNING 1 AS done),
traffic AS (
    INSERT INTO zone_traffic AS tr (zone_id, minute, festival_id, entries, exits)
    SELECT ('50000000-0000-4000-8000-' || lpad(CAST(:zn AS text), 12, '0'))::uuid, date_trunc('minute', now()), z.festival_id,
           CASE WHEN (CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)::text = 'IN' THEN 1 ELSE 0 END, CASE WHEN (CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)::text = 'OUT' THEN 1 ELSE 0 END
      FROM cap, z
    ON CONFLICT (zone_id, minute) DO UPDATE
       SET entries = tr.entries + EXCLUDED.entries, exits = tr.exits + EXCLUDED.exits
    RETURNING 1 AS done),
alert AS (
    INSERT INTO zone_alerts (id, festival_id, zone_id, type, level, message, occupancy, capacity)
    SELECT bench_uuid7()::uuid, z.festival_id, ('50000000-0000-4000-8000-' || lpad(CAST(:zn AS text), 12, '0'))::uuid,
           CASE WHEN lv.now >= 2 THEN 'capacity_critical' ELSE 'capacity_warning' END,
           CASE WHEN lv.now >= 2 THEN 'critical' ELSE 'warning' END,
           CASE WHEN lv.now = 3 THEN format('%s is full (%s/%s)', z.name, cap.occupancy, cap.capacity)
                ELSE format('%s is at %s%% of its capacity (%s/%s)', z.name,
                            cap.occupancy * 100 / cap.capacity, cap.occupancy, cap.capacity) END,
           cap.occupancy, cap.capacity
      FROM cap, z,
           LATERAL (SELECT zone_alert_level(cap.occupancy, cap.capacity, cap.threshold) AS now,
                           zone_alert_level(cap.occupancy - 1, cap.capacity, cap.threshold) AS before) lv
     WHERE (CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)::text = 'IN' AND lv.now > lv.before
    RETURNING id, type, level, message, occupancy, capacity, created_at),
ins AS (
    INSERT INTO zone_access_logs (id, festival_id, zone_id, ticket_id, holder_id, direction, allowed, reason,
                                  method, device_id, client_scan_id, scanned_by, occupancy_after, scanned_at)
    SELECT bench_uuid7()::uuid, z.festival_id, ('50000000-0000-4000-8000-' || lpad(CAST(:zn AS text), 12, '0'))::uuid, v.ticket_id, v.holder_id, (CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)::text, cap.occupancy IS NOT NULL,
           CASE WHEN v.reason <> 'ok' THEN v.reason WHEN cap.occupancy IS NOT NULL THEN 'ok'
                ELSE 'zone_full' END,
           'TICKET_ID'::text, 'bench-pgbench'::text, NULL::text, :sid::uuid, COALESCE(cap.occupancy, z.current_occupancy), z.ts
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
       LEFT JOIN cap ON true LEFT JOIN t ON true LEFT JOIN alert ON true;
