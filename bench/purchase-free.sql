-- A free purchase of one ticket as TicketService.reserveAndOrder runs it: one transaction with the
-- conditional quota UPDATE of TicketStore.reserve, then the per-user-limit + order + tickets CTE of
-- TicketStore.insertOrder (price 0: PAID order, SOLD ticket), values inlined as pgbench variables:
-- :u (buyer number), :fid (festival), :cat (category). Keep in sync with TicketStore.java: this is the
-- per-statement ceiling the API is compared with.
BEGIN;
UPDATE ticket_categories
   SET reserved_count = reserved_count + CASE WHEN price_cents = 0 THEN 0 ELSE 1 END,
       sold_count = sold_count + CASE WHEN price_cents = 0 THEN 1 ELSE 0 END
 WHERE id = CAST(:cat AS uuid) AND festival_id = CAST(:fid AS uuid) AND deleted_at IS NULL AND is_active
   AND (sale_start IS NULL OR sale_start <= now()) AND (sale_end IS NULL OR sale_end > now())
   AND 1 <= max_per_order AND 1 <= max_per_user
   AND sold_count + reserved_count + 1 <= quota
RETURNING price_cents, currency, max_per_user, name;
WITH lim AS (
    SELECT count(*) AS n FROM tickets
     WHERE category_id = CAST(:cat AS uuid)
       AND user_id = CAST('20000000-0000-4000-8000-' || lpad(CAST(:u AS text), 12, '0') AS uuid)
       AND status IN ('RESERVED','SOLD','USED')),
o AS (
    INSERT INTO ticket_orders (id, user_id, festival_id, category_id, quantity, unit_price_cents,
        subtotal_cents, discount_cents, total_cents, currency, status, expires_at, paid_at,
        idempotency_key, request_hash, promo_code, promo_code_id)
    SELECT gen_random_uuid(), CAST('20000000-0000-4000-8000-' || lpad(CAST(:u AS text), 12, '0') AS uuid),
           CAST(:fid AS uuid), CAST(:cat AS uuid), 1, 0, 0, 0, 0, 'EUR', 'PAID', NULL, now(),
           NULL, '3f0a6d3c2b1e4f5a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b', NULL, NULL
      FROM lim WHERE lim.n + 1 <= 1000000
    RETURNING id, number, user_id, festival_id, category_id, quantity, unit_price_cents, subtotal_cents,
              discount_cents, total_cents, refunded_cents, currency, status, payment_id, promo_code, expires_at,
              paid_at, request_hash, created_at, updated_at),
t AS (
    INSERT INTO tickets (id, festival_id, category_id, order_id, user_id, status, purchase_price_cents)
    SELECT gen_random_uuid(), o.festival_id, o.category_id, o.id, o.user_id, 'SOLD', 0
      FROM o, generate_series(1, o.quantity) AS g
    RETURNING id),
c AS (
    UPDATE ticket_categories SET reserved_count = reserved_count - 1, sold_count = sold_count + 1
     WHERE id = CAST(:cat AS uuid) AND false
    RETURNING id)
SELECT o.*, (SELECT count(*) FROM t) AS ticket_count FROM o;
COMMIT;
