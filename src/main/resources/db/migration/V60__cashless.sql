-- Cashless wallets (API.md "Cashless"): one wallet per user, an immutable ledger, per-festival limits,
-- short-lived QR tokens and end-of-festival refund requests.
--
-- Ledger sign convention: cashless_transactions.amount_cents is SIGNED (credit > 0, debit < 0), so
-- SUM(amount_cents) over a wallet's rows equals its balance and a festival's net is a plain SUM.
-- The wire shows the magnitude (`amount`) with `type`, `balanceBefore` and `balanceAfter`.

CREATE TABLE cashless_accounts (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    balance_cents bigint NOT NULL DEFAULT 0 CHECK (balance_cents >= 0),
    currency      char(3) NOT NULL CHECK (currency = upper(currency)),
    nfc_tag_id    text,
    nfc_blocked   boolean NOT NULL DEFAULT false,
    is_active     boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cashless_accounts_user_key UNIQUE (user_id),
    CONSTRAINT cashless_accounts_nfc_tag_key UNIQUE (nfc_tag_id)
);

CREATE TABLE cashless_transactions (
    id                   uuid PRIMARY KEY,
    account_id           uuid NOT NULL REFERENCES cashless_accounts (id),
    festival_id          uuid REFERENCES festivals (id),
    type                 text NOT NULL CHECK (type IN ('TOPUP','PAYMENT','REFUND','TRANSFER','CORRECTION')),
    amount_cents         bigint NOT NULL CHECK (amount_cents <> 0),
    balance_before_cents bigint NOT NULL CHECK (balance_before_cents >= 0),
    balance_after_cents  bigint NOT NULL CHECK (balance_after_cents >= 0),
    description          text,
    vendor_id            uuid,
    cashier_id           uuid,
    performed_by_id      uuid,
    payment_id           uuid,
    refund_of_id         uuid REFERENCES cashless_transactions (id),
    -- running total refunded against a PAYMENT row (the only column that ever changes, see trigger)
    refunded_cents       bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    idempotency_key      text,
    request_hash         text,
    metadata             jsonb,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cashless_transactions_arith CHECK (balance_after_cents = balance_before_cents + amount_cents),
    CONSTRAINT cashless_transactions_sign CHECK (
        (type IN ('TOPUP','REFUND') AND amount_cents > 0) OR (type = 'PAYMENT' AND amount_cents < 0)
        OR type IN ('TRANSFER','CORRECTION')),
    CONSTRAINT cashless_transactions_refund_bound CHECK (type <> 'PAYMENT' OR refunded_cents <= -amount_cents),
    CONSTRAINT cashless_transactions_idempotency_key UNIQUE (account_id, idempotency_key)
);
CREATE INDEX cashless_transactions_account_idx ON cashless_transactions (account_id, created_at DESC);
CREATE INDEX cashless_transactions_festival_idx ON cashless_transactions (festival_id, created_at DESC);
CREATE INDEX cashless_transactions_refund_of_idx ON cashless_transactions (refund_of_id) WHERE refund_of_id IS NOT NULL;

-- The ledger is append-only: money columns never change and rows are never deleted.
CREATE FUNCTION cashless_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'cashless_transactions is append-only';
    END IF;
    IF (NEW.id, NEW.account_id, NEW.festival_id, NEW.type, NEW.amount_cents, NEW.balance_before_cents,
        NEW.balance_after_cents, NEW.payment_id, NEW.refund_of_id, NEW.idempotency_key, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.account_id, OLD.festival_id, OLD.type, OLD.amount_cents, OLD.balance_before_cents,
        OLD.balance_after_cents, OLD.payment_id, OLD.refund_of_id, OLD.idempotency_key, OLD.created_at) THEN
        RAISE EXCEPTION 'cashless_transactions rows are immutable (only refunded_cents may grow)';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cashless_ledger_guard BEFORE UPDATE OR DELETE ON cashless_transactions
    FOR EACH ROW EXECUTE FUNCTION cashless_ledger_guard();

-- Per-festival limits; a festival without a row uses the API.md defaults (5.00-500.00 per top-up, balance <= 1000.00).
CREATE TABLE cashless_festival_settings (
    festival_id       uuid PRIMARY KEY REFERENCES festivals (id) ON DELETE CASCADE,
    min_topup_cents   bigint NOT NULL DEFAULT 500 CHECK (min_topup_cents > 0),
    max_topup_cents   bigint NOT NULL DEFAULT 50000,
    max_balance_cents bigint NOT NULL DEFAULT 100000,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (max_topup_cents >= min_topup_cents)
);

-- QR tokens the attendee app shows at a bar: only the SHA-256 of the token is stored.
CREATE TABLE cashless_qr_tokens (
    token_hash text PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES cashless_accounts (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cashless_qr_tokens_account_idx ON cashless_qr_tokens (account_id, expires_at);

-- "Give me my balance back" after a festival: recorded here, paid out by an operator.
CREATE TABLE cashless_refund_requests (
    id           uuid PRIMARY KEY,
    account_id   uuid NOT NULL REFERENCES cashless_accounts (id),
    festival_id  uuid REFERENCES festivals (id),
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    currency     char(3) NOT NULL,
    iban         text,
    reason       text,
    status       text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','PAID','REJECTED','CANCELLED')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cashless_refund_requests_one_pending ON cashless_refund_requests (account_id) WHERE status = 'PENDING';
