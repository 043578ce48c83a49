-- Account security (issue 9, part A): email verification and password reset tokens, TOTP
-- two-factor with recovery codes, the audit log, and the user's language for account emails.

-- The language account emails are written in (API.md: en, fr at least; fr by default).
ALTER TABLE users ADD COLUMN language text NOT NULL DEFAULT 'fr';

-- Single-use tokens sent by email. Only the SHA-256 of the token is stored; used_at marks
-- consumption (a token is consumed by one conditional UPDATE, so it works exactly once).
CREATE TABLE email_tokens (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     text NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    token_hash  text NOT NULL UNIQUE,
    email       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose) WHERE used_at IS NULL;

-- TOTP (RFC 6238). secret is set by setup; enabled_at by enable. last_step is the newest time
-- step a code was accepted for: a code is accepted once (no replay within its window).
CREATE TABLE user_totp (
    user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret      text NOT NULL,
    enabled_at  timestamptz,
    last_step   bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Recovery codes: SHA-256 of an 80-bit random code; each works once.
CREATE TABLE recovery_codes (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    used_at     timestamptz,
    UNIQUE (user_id, code_hash)
);

-- Security audit trail. Rows are only ever inserted. actor_id is who acted (null: anonymous or
-- the system), user_id whom it concerns, festival_id the tenant (an organiser reads only theirs).
-- No foreign keys: the trail outlives what it talks about.
CREATE TABLE audit_logs (
    id          uuid PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    action      text NOT NULL,
    outcome     text NOT NULL DEFAULT 'SUCCESS' CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    actor_id    uuid,
    user_id     uuid,
    festival_id uuid,
    ip_address  text,
    user_agent  text,
    request_id  text,
    details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_logs_occurred_idx ON audit_logs (occurred_at DESC, id);
CREATE INDEX audit_logs_festival_idx ON audit_logs (festival_id, occurred_at DESC) WHERE festival_id IS NOT NULL;
CREATE INDEX audit_logs_user_idx ON audit_logs (user_id, occurred_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX audit_logs_actor_idx ON audit_logs (actor_id, occurred_at DESC) WHERE actor_id IS NOT NULL;
