-- Bench data in schema :schema (psql -v schema=... -v nwallets=... -v balance=... -v hotbalance=...
-- -v cashier=<uuid> -v festival=<uuid>). Wallet i (0 = the hot wallet) has id
-- 00000000-0000-4000-8000-<i, 12 digits>; the drain wallet (5.00) is ...-999999999999; every seeded
-- balance has its TOPUP ledger row.
SET search_path = :schema;
INSERT INTO users (id, email, password_hash, first_name, last_name, role, status, email_verified)
SELECT CAST('10000000-0000-4000-8000-' || lpad(i::text, 12, '0') AS uuid), 'bench-' || i || '@bench.test',
       'not-a-login', 'Bench', 'Wallet', 'USER', 'ACTIVE', true
  FROM (SELECT generate_series(0, :nwallets) AS i UNION ALL SELECT 888888888888 UNION ALL SELECT 999999999999) n;
INSERT INTO festivals (id, name, slug, location, start_date, end_date, currency, status, organizer_id)
VALUES (:'festival', 'Bench festival', 'bench-' || :'festival', 'Bench', now(), now() + interval '3 days', 'EUR',
        'ONGOING', CAST('10000000-0000-4000-8000-888888888888' AS uuid));
INSERT INTO festival_members (festival_id, user_id, role) VALUES (:'festival', :'cashier', 'CASHIER');
INSERT INTO cashless_accounts (id, user_id, balance_cents, currency)
SELECT CAST('00000000-0000-4000-8000-' || lpad(i::text, 12, '0') AS uuid),
       CAST('10000000-0000-4000-8000-' || lpad(i::text, 12, '0') AS uuid),
       CASE WHEN i = 0 THEN :hotbalance WHEN i = 999999999999 THEN 500 ELSE :balance END, 'EUR'
  FROM (SELECT generate_series(0, :nwallets) AS i UNION ALL SELECT 999999999999) n;
INSERT INTO cashless_transactions (id, account_id, festival_id, type, amount_cents, balance_before_cents,
                                   balance_after_cents, description, idempotency_key)
SELECT gen_random_uuid(), a.id, CAST(:'festival' AS uuid), 'TOPUP', a.balance_cents, 0, a.balance_cents, 'bench seed', 'bench-seed'
  FROM cashless_accounts a;
ANALYZE;
