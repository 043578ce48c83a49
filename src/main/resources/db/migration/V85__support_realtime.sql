-- Support tickets and their messages (API.md "Support"; the /support socket persists its messages here),
-- and the broadcasts/emergencies sent on the /broadcast socket (API.md "Real time").

CREATE TABLE support_tickets (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id),
    festival_id  uuid REFERENCES festivals (id),          -- null: a platform-level ticket
    subject      text NOT NULL,
    description  text NOT NULL,
    status       text NOT NULL DEFAULT 'OPEN'
                 CHECK (status IN ('OPEN','IN_PROGRESS','WAITING_FOR_USER','RESOLVED','CLOSED')),
    priority     text NOT NULL DEFAULT 'MEDIUM' CHECK (priority IN ('LOW','MEDIUM','HIGH','URGENT')),
    assigned_to  uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz
);
CREATE INDEX support_tickets_user_idx ON support_tickets (user_id, created_at DESC);
CREATE INDEX support_tickets_open_idx ON support_tickets (festival_id, created_at DESC)
    WHERE status NOT IN ('RESOLVED','CLOSED');
CREATE INDEX support_tickets_assigned_idx ON support_tickets (assigned_to) WHERE assigned_to IS NOT NULL;

CREATE TABLE support_messages (
    id           uuid PRIMARY KEY,
    ticket_id    uuid NOT NULL REFERENCES support_tickets (id) ON DELETE CASCADE,
    festival_id  uuid REFERENCES festivals (id),          -- the ticket's, copied for tenancy filters
    sender_id    uuid NOT NULL REFERENCES users (id),
    content      text NOT NULL,
    type         text NOT NULL DEFAULT 'text' CHECK (type IN ('text','image','file','system')),
    is_staff     boolean NOT NULL,
    read_at      timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_messages_ticket_idx ON support_messages (ticket_id, created_at);
CREATE INDEX support_messages_unread_idx ON support_messages (ticket_id) WHERE read_at IS NULL;

CREATE TABLE realtime_broadcasts (
    id              uuid PRIMARY KEY,
    festival_id     uuid NOT NULL REFERENCES festivals (id) ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind IN ('BROADCAST','EMERGENCY','SCHEDULE_CHANGE')),
    title           text NOT NULL,
    message         text NOT NULL,
    category        text NOT NULL DEFAULT 'general',
    priority        text NOT NULL DEFAULT 'normal',
    target          text NOT NULL DEFAULT 'all',
    level           text CHECK (level IN ('info','warning','critical','evacuation')),
    instructions    text,
    affected_zones  text[] NOT NULL DEFAULT '{}',
    data            jsonb,
    sent_by         uuid NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz,
    resolved_at     timestamptz,
    resolved_by     uuid REFERENCES users (id),
    CHECK (kind <> 'EMERGENCY' OR level IS NOT NULL)
);
CREATE INDEX realtime_broadcasts_active_idx ON realtime_broadcasts (festival_id, created_at DESC)
    WHERE resolved_at IS NULL;

-- Per user: read and dismissed broadcasts (mark_read, dismiss).
CREATE TABLE realtime_broadcast_receipts (
    broadcast_id  uuid NOT NULL REFERENCES realtime_broadcasts (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    festival_id   uuid NOT NULL REFERENCES festivals (id) ON DELETE CASCADE,
    read_at       timestamptz,
    dismissed_at  timestamptz,
    PRIMARY KEY (broadcast_id, user_id)
);
CREATE INDEX realtime_broadcast_receipts_user_idx ON realtime_broadcast_receipts (user_id, festival_id);
