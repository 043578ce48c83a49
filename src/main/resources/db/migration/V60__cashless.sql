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

-- Group commit for the pay path: several charges, one statement and one transaction. Each item runs the
-- very statement of WalletLedger.PAY (same conditions, same outcome columns), in wallet-id order so that
-- concurrent batches lock wallets in one order. A failure of any item (a duplicate idempotency key raced
-- by another transaction) fails the whole batch, which then rolls back and is replayed item by item.
CREATE FUNCTION cashless_pay_batch(p_tx uuid[], p_amount bigint[], p_festival uuid[], p_caller uuid[],
                                   p_admin boolean[], p_kind text[], p_ref text[], p_vendor uuid[],
                                   p_desc text[], p_key text[], p_hash text[])
RETURNS TABLE (idx int, festival_found boolean, organizer_id uuid, member_role text, acc_id uuid,
               acc_user_id uuid, acc_balance bigint, acc_active boolean, acc_blocked boolean,
               id uuid, account_id uuid, festival_id uuid, type text, amount_cents bigint,
               balance_before_cents bigint, balance_after_cents bigint, description text, vendor_id uuid,
               cashier_id uuid, performed_by_id uuid, payment_id uuid, refund_of_id uuid, refunded_cents bigint,
               idempotency_key text, request_hash text, metadata jsonb, created_at timestamptz, replay boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT s.i::int AS i, s.kind = 'NFC_TAG' AS by_tag,
               CASE s.kind
                   WHEN 'ACCOUNT' THEN s.ref::uuid
                   WHEN 'USER' THEN (SELECT a.id FROM cashless_accounts a WHERE a.user_id = s.ref::uuid)
                   WHEN 'NFC_TAG' THEN (SELECT a.id FROM cashless_accounts a WHERE a.nfc_tag_id = s.ref)
                   ELSE (SELECT q.account_id FROM cashless_qr_tokens q
                          WHERE q.token_hash = s.ref AND q.expires_at > now())
               END AS wallet
          FROM unnest(p_kind, p_ref) WITH ORDINALITY AS s(kind, ref, i)
         ORDER BY 3 NULLS LAST, 1
    LOOP
        RETURN QUERY
        WITH acc AS (
            SELECT a.id, a.user_id, a.balance_cents, a.is_active, a.nfc_blocked
              FROM cashless_accounts a WHERE a.id = r.wallet),
        fest AS (
            SELECT f.organizer_id, m.role AS member_role
              FROM festivals f
              LEFT JOIN festival_members m ON m.festival_id = f.id AND m.user_id = p_caller[r.i]
             WHERE f.id = p_festival[r.i] AND f.deleted_at IS NULL),
        allowed AS (
            SELECT 1 FROM fest, acc
             WHERE p_admin[r.i] OR fest.organizer_id = p_caller[r.i]
                OR fest.member_role IN ('CASHIER', 'ORGANIZER') OR acc.user_id = p_caller[r.i]),
        prior AS (
            SELECT t.* FROM cashless_transactions t, acc
             WHERE p_key[r.i] IS NOT NULL AND t.account_id = acc.id AND t.idempotency_key = p_key[r.i]),
        debit AS (
            UPDATE cashless_accounts a
               SET balance_cents = a.balance_cents - p_amount[r.i], updated_at = now()
              FROM acc
             WHERE a.id = acc.id AND a.is_active AND NOT (r.by_tag AND a.nfc_blocked)
               AND a.balance_cents >= p_amount[r.i]
               AND EXISTS (SELECT 1 FROM allowed) AND NOT EXISTS (SELECT 1 FROM prior)
            RETURNING a.id, a.user_id, a.balance_cents),
        ins AS (
            INSERT INTO cashless_transactions AS t (id, account_id, festival_id, type, amount_cents,
                    balance_before_cents, balance_after_cents, description, vendor_id, cashier_id,
                    performed_by_id, idempotency_key, request_hash)
            SELECT p_tx[r.i], d.id, p_festival[r.i], 'PAYMENT', -p_amount[r.i], d.balance_cents + p_amount[r.i],
                   d.balance_cents, p_desc[r.i], p_vendor[r.i],
                   CASE WHEN d.user_id = p_caller[r.i] THEN NULL ELSE p_caller[r.i] END, p_caller[r.i],
                   p_key[r.i], p_hash[r.i]
              FROM debit d
            RETURNING t.*),
        res AS (SELECT ins.*, false AS replay FROM ins UNION ALL SELECT prior.*, true AS replay FROM prior)
        SELECT r.i, EXISTS (SELECT 1 FROM fest),
               (SELECT fest.organizer_id FROM fest), (SELECT fest.member_role FROM fest),
               acc.id, acc.user_id, acc.balance_cents, acc.is_active, acc.nfc_blocked,
               res.id, res.account_id, res.festival_id, res.type, res.amount_cents, res.balance_before_cents,
               res.balance_after_cents, res.description, res.vendor_id, res.cashier_id, res.performed_by_id,
               res.payment_id, res.refund_of_id, res.refunded_cents, res.idempotency_key, res.request_hash,
               res.metadata, res.created_at, res.replay
          FROM (SELECT 1) one LEFT JOIN acc ON true LEFT JOIN res ON true;
    END LOOP;
END $$;
