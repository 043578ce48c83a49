-- Accounts, sessions, festivals and festival membership (the tenancy model).

CREATE TABLE users (
    id                 uuid PRIMARY KEY,
    email              text NOT NULL,
    password_hash      text NOT NULL,
    first_name         text NOT NULL,
    last_name          text NOT NULL,
    phone              text,
    avatar_url         text,
    role               text NOT NULL DEFAULT 'USER'
                       CHECK (role IN ('ADMIN','ORGANIZER','STAFF','CASHIER','SECURITY','USER')),
    status             text NOT NULL DEFAULT 'PENDING_VERIFICATION'
                       CHECK (status IN ('ACTIVE','INACTIVE','BANNED','PENDING_VERIFICATION')),
    email_verified     boolean NOT NULL DEFAULT false,
    two_factor_enabled boolean NOT NULL DEFAULT false,
    status_reason      text,
    last_login_at      timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_lower CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_role_status_idx ON users (role, status);

-- A session is one sign-in; its refresh tokens rotate inside it.
CREATE TABLE auth_sessions (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_used_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text,
    user_agent     text,
    ip_address     text
);
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens are stored as SHA-256 hashes; rotated_at marks a token that was exchanged.
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    session_id  uuid NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    token_hash  text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    rotated_at  timestamptz,
    replaced_by uuid
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE festivals (
    id                uuid PRIMARY KEY,
    name              text NOT NULL,
    slug              text NOT NULL,
    description       text,
    location          text NOT NULL,
    address           text,
    country           text,
    start_date        timestamptz NOT NULL,
    end_date          timestamptz NOT NULL,
    timezone          text NOT NULL DEFAULT 'Europe/Paris',
    currency          char(3) NOT NULL DEFAULT 'EUR',
    max_capacity      integer NOT NULL DEFAULT 10000 CHECK (max_capacity > 0),
    current_attendees integer NOT NULL DEFAULT 0 CHECK (current_attendees >= 0),
    status            text NOT NULL DEFAULT 'DRAFT'
                      CHECK (status IN ('DRAFT','PUBLISHED','ONGOING','COMPLETED','CANCELLED')),
    genres            text[] NOT NULL DEFAULT '{}',
    is_featured       boolean NOT NULL DEFAULT false,
    logo_url          text,
    banner_url        text,
    website_url       text,
    contact_email     text,
    organizer_id      uuid NOT NULL REFERENCES users (id),
    deleted_at        timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT festivals_dates CHECK (end_date > start_date),
    CONSTRAINT festivals_currency_upper CHECK (currency = upper(currency))
);
-- Slugs stay unique even across soft-deleted festivals, so old links never point elsewhere.
CREATE UNIQUE INDEX festivals_slug_key ON festivals (slug);
CREATE INDEX festivals_status_start_idx ON festivals (status, start_date) WHERE deleted_at IS NULL;
CREATE INDEX festivals_organizer_idx ON festivals (organizer_id);

-- Who works on a festival besides its owner: STAFF, CASHIER, SECURITY or co-ORGANIZER.
CREATE TABLE festival_members (
    festival_id uuid NOT NULL REFERENCES festivals (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('ORGANIZER','STAFF','CASHIER','SECURITY')),
    added_by    uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (festival_id, user_id)
);
CREATE INDEX festival_members_user_idx ON festival_members (user_id);
