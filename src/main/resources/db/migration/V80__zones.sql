-- Zones and gates (API.md "Zones"): zones per festival with a live occupancy counter, who is inside
-- which zone (anti-passback), the access log, per-minute entry/exit counts and capacity alerts.
--
-- A gate scan is ONE statement (dev.festival.zones.GateStore): the zone's occupancy counter is changed
-- by a conditional UPDATE (never over capacity), the presence row and the access-log row are written
-- in the same statement. Every scan of a zone takes that zone's row lock first, so scans of one zone
-- are serialised on it and always lock in the same order (zone, then presence): no deadlocks.
--
-- The log, presence, traffic and alert rows carry no foreign key to zones on purpose: an FK check
-- takes a KEY SHARE lock on the (hot) zone row for every insert, which turns that row's lock into a
-- multixact under load. Zones are only ever soft-deleted, so these rows never dangle.

CREATE TABLE zones (
    id                         uuid PRIMARY KEY,
    festival_id                uuid NOT NULL REFERENCES festivals (id),
    name                       text NOT NULL,
    description                text,
    capacity                   integer CHECK (capacity IS NULL OR capacity >= 0),   -- NULL = unlimited
    current_occupancy          integer NOT NULL DEFAULT 0 CHECK (current_occupancy >= 0),
    parent_zone_id             uuid REFERENCES zones (id),
    allowed_category_ids       uuid[] NOT NULL DEFAULT '{}',
    requires_ticket_type       text[] NOT NULL DEFAULT '{}',
    allowed_staff_roles        text[] NOT NULL DEFAULT '{}',
    access_level               text NOT NULL DEFAULT 'PUBLIC',
    capacity_warning_threshold integer NOT NULL DEFAULT 80
                               CHECK (capacity_warning_threshold BETWEEN 1 AND 100),
    is_active                  boolean NOT NULL DEFAULT true,
    -- Opening hours: an absolute window (ISO date-times), and/or daily hours in the festival's
    -- timezone (daily_close < daily_open crosses midnight; equal = all day).
    opens_at                   timestamptz,
    closes_at                  timestamptz,
    daily_open                 time,
    daily_close                time,
    deleted_at                 timestamptz,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT zones_window CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at),
    CONSTRAINT zones_not_own_parent CHECK (parent_zone_id IS NULL OR parent_zone_id <> id)
) WITH (fillfactor = 80); -- every admitted scan rewrites the row: room for HOT updates
CREATE INDEX zones_festival_idx ON zones (festival_id, name) WHERE deleted_at IS NULL;

-- Anti-passback: one row per (zone, ticket) that ever entered; IN requires inside = false, OUT inside = true.
CREATE TABLE zone_presence (
    zone_id     uuid NOT NULL,
    ticket_id   uuid NOT NULL,
    festival_id uuid NOT NULL,
    inside      boolean NOT NULL,
    entered_at  timestamptz,
    left_at     timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (zone_id, ticket_id)
) WITH (fillfactor = 80);

-- Every gate decision, admitted or refused (dry runs excepted). ids are UUIDv7 (time-ordered).
-- scanned_at is when the gate scanned (the scanner's clock for offline uploads); created_at when stored.
CREATE TABLE zone_access_logs (
    id              uuid PRIMARY KEY,
    festival_id     uuid NOT NULL,
    zone_id         uuid NOT NULL,
    ticket_id       uuid,
    holder_id       uuid,
    direction       text NOT NULL CHECK (direction IN ('IN','OUT')),
    allowed         boolean NOT NULL,
    reason          text NOT NULL,
    method          text NOT NULL CHECK (method IN ('QR','TICKET_ID','NFC')),
    device_id       text,
    client_scan_id  text,
    scanned_by      uuid,
    occupancy_after integer,
    scanned_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zone_access_logs_zone_idx ON zone_access_logs (zone_id, scanned_at DESC);
-- Offline uploads are idempotent: a scanner's scan id is stored once.
CREATE UNIQUE INDEX zone_access_logs_client_scan_key ON zone_access_logs (device_id, client_scan_id)
    WHERE client_scan_id IS NOT NULL;

-- Entries and exits per zone and minute, bumped by the scan statement: "entries in the last hour"
-- is a sum over 60 small rows instead of a count over the log.
CREATE TABLE zone_traffic (
    zone_id     uuid NOT NULL,
    minute      timestamptz NOT NULL,
    festival_id uuid NOT NULL,
    entries     integer NOT NULL DEFAULT 0,
    exits       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (zone_id, minute)
) WITH (fillfactor = 70);

-- Capacity alerts, written by the scan that crossed a threshold upwards (once per crossing).
CREATE TABLE zone_alerts (
    id              uuid PRIMARY KEY,
    festival_id     uuid NOT NULL,
    zone_id         uuid NOT NULL,
    type            text NOT NULL,
    level           text NOT NULL CHECK (level IN ('info','warning','critical')),
    message         text NOT NULL,
    occupancy       integer,
    capacity        integer,
    created_at      timestamptz NOT NULL DEFAULT now(),
    acknowledged_at timestamptz,
    acknowledged_by uuid
);
CREATE INDEX zone_alerts_zone_idx ON zone_alerts (zone_id, created_at DESC);
CREATE INDEX zone_alerts_festival_idx ON zone_alerts (festival_id, created_at DESC);

-- What a gate reads of other features, in one place: the ticket (tickets), its category's type and
-- zones, the holder's name (users), and NFC tags (cashless). Read-only; PostgreSQL refuses to drop
-- or retype a column these views use, so the dependency is checked, not just documented.
CREATE VIEW zone_gate_tickets AS
SELECT t.id, t.festival_id, t.category_id, t.user_id, t.status, t.revision,
       c.type AS ticket_type, c.name AS category_name, c.zone_ids AS category_zone_ids,
       u.first_name, u.last_name
  FROM tickets t
  JOIN ticket_categories c ON c.id = t.category_id
  JOIN users u ON u.id = t.user_id;

CREATE VIEW zone_gate_tags AS
SELECT a.nfc_tag_id, a.user_id, a.nfc_blocked
  FROM cashless_accounts a
 WHERE a.nfc_tag_id IS NOT NULL;

-- Raised by a scan statement that took the zone's counter but lost the presence row to a concurrent
-- scan of the same ticket (its snapshot was older than that scan): the whole statement rolls back and
-- the application runs it again, now seeing the other scan's result.
CREATE FUNCTION zone_scan_raced() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'concurrent scan of the same ticket in the same zone, retry'
        USING ERRCODE = 'serialization_failure';
END
$$;

-- The capacity alert level of an occupancy: 0 none, 1 warning (>= the zone's threshold, 80 % by
-- default), 2 critical (>= 95 %), 3 full. An alert is raised by the entry that raises the level, so
-- each crossing alerts once and a crossing after falling back below alerts again.
CREATE FUNCTION zone_alert_level(occupancy integer, capacity integer, threshold integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN capacity IS NULL OR capacity <= 0 THEN 0
                WHEN occupancy >= capacity THEN 3
                WHEN occupancy::bigint * 100 >= 95::bigint * capacity THEN 2
                WHEN occupancy::bigint * 100 >= threshold::bigint * capacity THEN 1
                ELSE 0 END
$$;
