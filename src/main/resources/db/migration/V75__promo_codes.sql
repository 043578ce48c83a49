-- Promo codes per festival (dev.festival.promocodes, API.md "Promo codes").
-- A code is stored upper-case and unique per festival among live (not deleted) codes.
-- PERCENTAGE codes carry percent_off (0 < p <= 100, 2 decimals); FIXED_AMOUNT codes amount_off_cents.
CREATE TABLE promo_codes (
    id                uuid PRIMARY KEY,
    festival_id       uuid NOT NULL REFERENCES festivals (id) ON DELETE CASCADE,
    code              text NOT NULL CHECK (code = upper(code) AND length(code) BETWEEN 1 AND 50),
    description       text,
    discount_type     text NOT NULL CHECK (discount_type IN ('PERCENTAGE', 'FIXED_AMOUNT')),
    percent_off       numeric(5, 2) CHECK (percent_off > 0 AND percent_off <= 100),
    amount_off_cents  bigint CHECK (amount_off_cents > 0),
    max_uses          integer CHECK (max_uses > 0),
    used_count        integer NOT NULL DEFAULT 0 CHECK (used_count >= 0),
    max_uses_per_user integer CHECK (max_uses_per_user > 0),
    min_amount_cents  bigint NOT NULL DEFAULT 0 CHECK (min_amount_cents >= 0),
    valid_from        timestamptz,
    expires_at        timestamptz,
    is_active         boolean NOT NULL DEFAULT true,
    stackable         boolean NOT NULL DEFAULT false,
    category_ids      uuid[] NOT NULL DEFAULT '{}',
    created_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    CONSTRAINT promo_codes_discount_shape CHECK (
        (discount_type = 'PERCENTAGE' AND percent_off IS NOT NULL AND amount_off_cents IS NULL)
        OR (discount_type = 'FIXED_AMOUNT' AND amount_off_cents IS NOT NULL AND percent_off IS NULL)),
    CONSTRAINT promo_codes_max_uses_not_below_used CHECK (max_uses IS NULL OR used_count <= max_uses),
    CONSTRAINT promo_codes_window CHECK (valid_from IS NULL OR expires_at IS NULL OR valid_from < expires_at)
);
CREATE UNIQUE INDEX promo_codes_festival_code_key ON promo_codes (festival_id, code) WHERE deleted_at IS NULL;
CREATE INDEX promo_codes_festival_idx ON promo_codes (festival_id, created_at) WHERE deleted_at IS NULL;

-- One row per use of a code (at reservation); released_at marks a use given back (order cancelled/expired).
CREATE TABLE promo_code_redemptions (
    id             uuid PRIMARY KEY,
    promo_code_id  uuid NOT NULL REFERENCES promo_codes (id) ON DELETE CASCADE,
    festival_id    uuid NOT NULL,
    user_id        uuid REFERENCES users (id) ON DELETE SET NULL,
    order_id       uuid,
    amount_cents   bigint NOT NULL CHECK (amount_cents >= 0),
    discount_cents bigint NOT NULL CHECK (discount_cents >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    released_at    timestamptz
);
CREATE INDEX promo_code_redemptions_code_idx ON promo_code_redemptions (promo_code_id, created_at);
CREATE INDEX promo_code_redemptions_order_idx ON promo_code_redemptions (order_id) WHERE order_id IS NOT NULL;

-- Per-user use counter: the per-user limit is enforced on this row (ON CONFLICT DO UPDATE ... WHERE
-- uses < limit sees and locks the latest committed row), which a count(*) subquery over
-- redemptions could not do under READ COMMITTED concurrency.
CREATE TABLE promo_code_user_uses (
    promo_code_id uuid NOT NULL REFERENCES promo_codes (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    uses          integer NOT NULL CHECK (uses >= 0),
    PRIMARY KEY (promo_code_id, user_id)
);
