-- Ticketing: categories with quotas, orders, tickets, and the revocation list scanners download.
-- Quota is held by counters on the category row; a purchase takes it with one conditional UPDATE
-- (sold + reserved + q <= quota), and the CHECK below makes an oversell impossible even for a bug.

CREATE TABLE ticket_categories (
    id             uuid PRIMARY KEY,
    festival_id    uuid NOT NULL REFERENCES festivals (id),
    name           text NOT NULL,
    description    text,
    type           text NOT NULL DEFAULT 'STANDARD'
                   CHECK (type IN ('STANDARD','VIP','BACKSTAGE','CAMPING','PARKING','COMBO')),
    price_cents    bigint NOT NULL CHECK (price_cents >= 0),
    currency       char(3) NOT NULL CHECK (currency = upper(currency)),
    quota          integer NOT NULL CHECK (quota >= 0),
    sold_count     integer NOT NULL DEFAULT 0 CHECK (sold_count >= 0),
    reserved_count integer NOT NULL DEFAULT 0 CHECK (reserved_count >= 0),
    max_per_user   integer NOT NULL DEFAULT 10 CHECK (max_per_user >= 1),
    max_per_order  integer NOT NULL DEFAULT 10 CHECK (max_per_order >= 1),
    sale_start     timestamptz,
    sale_end       timestamptz,
    is_active      boolean NOT NULL DEFAULT true,
    is_visible     boolean NOT NULL DEFAULT true,
    -- Zones (access control, later) this category lets its holder into; text so the zones
    -- feature may use any id form.
    zone_ids       text[] NOT NULL DEFAULT '{}',
    sort_order     integer NOT NULL DEFAULT 0,
    deleted_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ticket_categories_quota CHECK (sold_count + reserved_count <= quota),
    CONSTRAINT ticket_categories_sale_window CHECK (sale_end IS NULL OR sale_start IS NULL OR sale_end > sale_start)
);
CREATE INDEX ticket_categories_festival_idx ON ticket_categories (festival_id, sort_order) WHERE deleted_at IS NULL;

CREATE SEQUENCE ticket_order_number_seq;

CREATE TABLE ticket_orders (
    id               uuid PRIMARY KEY,
    number           bigint NOT NULL DEFAULT nextval('ticket_order_number_seq') UNIQUE,
    user_id          uuid NOT NULL REFERENCES users (id),
    festival_id      uuid NOT NULL REFERENCES festivals (id),
    category_id      uuid NOT NULL REFERENCES ticket_categories (id),
    quantity         integer NOT NULL CHECK (quantity >= 1),
    unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
    subtotal_cents   bigint NOT NULL CHECK (subtotal_cents >= 0),
    discount_cents   bigint NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
    total_cents      bigint NOT NULL CHECK (total_cents >= 0),
    refunded_cents   bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    currency         char(3) NOT NULL,
    status           text NOT NULL CHECK (status IN ('PENDING','PAID','CANCELLED','EXPIRED','REFUNDED')),
    payment_id       uuid REFERENCES payments (id),
    promo_code_id    uuid,
    promo_code       text,
    expires_at       timestamptz,
    paid_at          timestamptz,
    idempotency_key  text,
    request_hash     text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ticket_orders_idempotency UNIQUE (user_id, idempotency_key)
);
CREATE INDEX ticket_orders_user_idx ON ticket_orders (user_id, created_at DESC);
-- The expiry job's scan: only open orders.
CREATE INDEX ticket_orders_pending_idx ON ticket_orders (created_at) WHERE status = 'PENDING';

CREATE TABLE tickets (
    id                       uuid PRIMARY KEY,
    festival_id              uuid NOT NULL REFERENCES festivals (id),
    category_id              uuid NOT NULL REFERENCES ticket_categories (id),
    order_id                 uuid NOT NULL REFERENCES ticket_orders (id),
    user_id                  uuid NOT NULL REFERENCES users (id),
    status                   text NOT NULL
                             CHECK (status IN ('AVAILABLE','RESERVED','SOLD','USED','CANCELLED','REFUNDED')),
    purchase_price_cents     bigint NOT NULL CHECK (purchase_price_cents >= 0),
    -- Signed into the QR; bumped on transfer so the previous holder's QR no longer admits.
    revision                 integer NOT NULL DEFAULT 1,
    used_at                  timestamptz,
    used_zone_id             text,
    used_device              text,
    used_by                  uuid,
    transferred_from_user_id uuid REFERENCES users (id),
    transferred_at           timestamptz,
    revoked_at               timestamptz,
    -- Set while a refund of this ticket is in flight at the payment provider.
    refund_requested_at      timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tickets_user_idx ON tickets (user_id, created_at DESC);
CREATE INDEX tickets_order_idx ON tickets (order_id);
-- The per-user limit counts a user's live tickets in a category.
CREATE INDEX tickets_category_user_live_idx ON tickets (category_id, user_id)
    WHERE status IN ('RESERVED','SOLD','USED');

-- Scanners keep a local copy: a (ticket, revision) listed here no longer admits.
CREATE TABLE ticket_revocations (
    id          bigserial PRIMARY KEY,
    ticket_id   uuid NOT NULL REFERENCES tickets (id),
    festival_id uuid NOT NULL REFERENCES festivals (id),
    revision    integer NOT NULL,
    reason      text NOT NULL CHECK (reason IN ('cancelled','refunded','transferred')),
    revoked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_revocations_festival_idx ON ticket_revocations (festival_id, revoked_at);
