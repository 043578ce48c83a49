-- The pay statement of WalletLedger.PAY (wallet named by account id), with the request's values inlined
-- as pgbench variables: :aid (wallet number), :fid (festival), :cid (cashier). Keep in sync with
-- src/main/java/dev/festival/cashless/WalletLedger.java: this is the per-statement ceiling the API is
-- compared with.
WITH acc AS (
    SELECT a.id, a.user_id, a.balance_cents, a.is_active, a.nfc_blocked
      FROM cashless_accounts a
     WHERE a.id = CAST('00000000-0000-4000-8000-' || lpad(CAST(:aid AS text), 12, '0') AS uuid)),
fest AS (
    SELECT f.organizer_id, m.role AS member_role
      FROM festivals f
      LEFT JOIN festival_members m ON m.festival_id = f.id AND m.user_id = CAST(:cid AS uuid)
     WHERE f.id = CAST(:fid AS uuid) AND f.deleted_at IS NULL),
allowed AS (
    SELECT 1 FROM fest, acc
     WHERE false OR fest.organizer_id = CAST(:cid AS uuid) OR fest.member_role IN ('CASHIER', 'ORGANIZER')
        OR acc.user_id = CAST(:cid AS uuid)),
prior AS (
    SELECT t.* FROM cashless_transactions t, acc
     WHERE CAST(NULL AS text) IS NOT NULL AND t.account_id = acc.id AND t.idempotency_key = NULL),
debit AS (
    UPDATE cashless_accounts a
       SET balance_cents = a.balance_cents - 10, updated_at = now()
      FROM acc
     WHERE a.id = acc.id AND a.is_active AND NOT (false AND a.nfc_blocked)
       AND a.balance_cents >= 10
       AND EXISTS (SELECT 1 FROM allowed) AND NOT EXISTS (SELECT 1 FROM prior)
    RETURNING a.id, a.user_id, a.balance_cents),
ins AS (
    INSERT INTO cashless_transactions (id, account_id, festival_id, type, amount_cents,
            balance_before_cents, balance_after_cents, description, vendor_id, cashier_id,
            performed_by_id, idempotency_key, request_hash)
    SELECT gen_random_uuid(), d.id, CAST(:fid AS uuid), 'PAYMENT', -10, d.balance_cents + 10, d.balance_cents,
           NULL, NULL, CAST(:cid AS uuid), CAST(:cid AS uuid), NULL,
           '3f0a6d3c2b1e4f5a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b'
      FROM debit d
    RETURNING *),
res AS (SELECT ins.*, false AS replay FROM ins UNION ALL SELECT prior.*, true AS replay FROM prior)
SELECT EXISTS (SELECT 1 FROM fest) AS festival_found,
       (SELECT organizer_id FROM fest) AS organizer_id, (SELECT member_role FROM fest) AS member_role,
       acc.id AS acc_id, acc.user_id AS acc_user_id, acc.balance_cents AS acc_balance,
       acc.is_active AS acc_active, acc.nfc_blocked AS acc_blocked, res.*
  FROM (SELECT 1) one LEFT JOIN acc ON true LEFT JOIN res ON true;
