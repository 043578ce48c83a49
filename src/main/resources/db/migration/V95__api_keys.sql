-- API keys (API.md "API keys"): a key acts as its creator, narrowed to its scopes and optionally one
-- festival. Only the SHA-256 of the key is stored; key_prefix is the visible start (fst_xxxxxxxx).
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL,
    description  text,
    key_prefix   text NOT NULL,
    key_hash     text NOT NULL UNIQUE,
    scopes       text[] NOT NULL CHECK (cardinality(scopes) > 0
                                        AND scopes <@ ARRAY['READ','WRITE','DELETE','ADMIN']),
    tier         text NOT NULL DEFAULT 'FREE' CHECK (tier IN ('FREE','STARTER','PRO','ENTERPRISE')),
    status       text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','INACTIVE','REVOKED')),
    festival_id  uuid REFERENCES festivals (id) ON DELETE CASCADE,
    ip_whitelist text[] NOT NULL DEFAULT '{}',
    expires_at   timestamptz,
    last_used_at timestamptz,
    usage_count  bigint NOT NULL DEFAULT 0,
    revoked_at   timestamptz,
    deleted_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id) WHERE deleted_at IS NULL;
