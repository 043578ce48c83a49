-- Payments (Stripe PaymentIntents and Checkout Sessions, cash and terminal records), their refunds,
-- and the Stripe webhook events already applied (each event id changes state at most once).

CREATE TABLE payments (
    id                  uuid PRIMARY KEY,
    user_id             uuid NOT NULL REFERENCES users (id),
    festival_id         uuid REFERENCES festivals (id),
    purpose             text NOT NULL CHECK (purpose IN ('TICKET','CASHLESS_TOPUP','CAMPING','OTHER')),
    amount_cents        bigint NOT NULL CHECK (amount_cents > 0),
    currency            char(3) NOT NULL CHECK (currency = upper(currency)),
    status              text NOT NULL DEFAULT 'PENDING'
                        CHECK (status IN ('PENDING','PROCESSING','COMPLETED','FAILED','REFUNDED',
                                          'PARTIALLY_REFUNDED','CANCELLED')),
    provider            text NOT NULL DEFAULT 'STRIPE' CHECK (provider IN ('STRIPE','CASH','TERMINAL')),
    provider_payment_id text UNIQUE,
    checkout_session_id text UNIQUE,
    -- Handed to the client only in the creation answer (and its idempotent replay).
    client_secret       text,
    description         text,
    metadata            jsonb NOT NULL DEFAULT '{}',
    -- Includes refunds in flight: reserved before Stripe is called, released if Stripe refuses.
    refunded_cents      bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0 AND refunded_cents <= amount_cents),
    idempotency_key     text,
    request_hash        text,
    -- Creation time of the newest provider event applied: an older processing/failed event never
    -- overrides a newer one (delivery order is not guaranteed).
    provider_event_at   timestamptz,
    paid_at             timestamptz,
    refunded_at         timestamptz,
    failure_reason      text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payments_idempotency UNIQUE (user_id, idempotency_key)
);
CREATE INDEX payments_user_created_idx ON payments (user_id, created_at DESC);
CREATE INDEX payments_festival_created_idx ON payments (festival_id, created_at DESC) WHERE festival_id IS NOT NULL;

CREATE TABLE refunds (
    id                 uuid PRIMARY KEY,
    payment_id         uuid NOT NULL REFERENCES payments (id),
    amount_cents       bigint NOT NULL CHECK (amount_cents > 0),
    reason             text NOT NULL CHECK (reason IN ('duplicate','fraudulent','requested_by_customer',
                           'event_cancelled','event_postponed','partial_attendance','quality_issue','other')),
    explanation        text,
    status             text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SUCCEEDED','FAILED','CANCELLED')),
    provider_refund_id text UNIQUE,
    failure_reason     text,
    idempotency_key    text,
    requested_by       uuid REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT refunds_idempotency UNIQUE (payment_id, idempotency_key)
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id, created_at);

CREATE TABLE webhook_events (
    event_id    text PRIMARY KEY,
    type        text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    payment_id  uuid
);
