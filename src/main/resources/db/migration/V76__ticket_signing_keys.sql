-- Ed25519 keys that sign ticket QR payloads, one current key per festival (dev.festival.tickets.signing).
-- A rotated key is retired, never deleted: it keeps verifying the tickets it signed.
-- private_key is PKCS#8 DER; key_wrap says how it is stored: 'none' (plain) or 'aes-gcm' (wrapped
-- with the KEK from festival.tickets.signing.kek: 12-byte IV || ciphertext+tag, the kid as AAD).
-- Production should always set the KEK (ideally held in a KMS / secret store, not in this database).
CREATE TABLE ticket_signing_keys (
    kid          text PRIMARY KEY,
    festival_id  uuid NOT NULL REFERENCES festivals (id) ON DELETE CASCADE,
    alg          text NOT NULL DEFAULT 'Ed25519' CHECK (alg = 'Ed25519'),
    public_key   bytea NOT NULL,
    private_key  bytea NOT NULL,
    key_wrap     text NOT NULL DEFAULT 'none' CHECK (key_wrap IN ('none', 'aes-gcm')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    valid_from   timestamptz NOT NULL DEFAULT now(),
    retired_at   timestamptz
);
-- At most one current key per festival: concurrent first uses race on this index (ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX ticket_signing_keys_current_key ON ticket_signing_keys (festival_id) WHERE retired_at IS NULL;
CREATE INDEX ticket_signing_keys_festival_idx ON ticket_signing_keys (festival_id, valid_from);
