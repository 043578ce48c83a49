-- A purchase without a promo code in ONE round trip and one implicit transaction: the conditional quota
-- UPDATE of TicketStore.reserve, then the per-user limit and the order and tickets of
-- TicketStore.insertOrder, as separate statements of one function. Before, the application ran them as
-- BEGIN, UPDATE, CTE, COMMIT, and the category row stayed locked across two client round trips: every
-- delay on the application's side (an event loop busy with another request) lengthened the lock that
-- serialises the category's purchases. Now the lock is held for the statements and the COMMIT only.
--
-- Concurrency (READ COMMITTED): the UPDATE waits for a concurrent purchase of the category and re-checks
-- its conditions on the latest row version, so the quota holds. Each statement of a VOLATILE plpgsql
-- function takes a fresh snapshot, so the per-user count, run while this transaction holds the category
-- row, sees every earlier purchase of the category (they all committed before releasing the row) — the
-- same guarantee as the two statements before. Over the per-user limit, the function raises TK001 (the
-- detail is the limit), which rolls the reservation back with the statement.
--
-- Outcomes: 'refused' (one row: why the UPDATE matched nothing, as TicketStore.categoryState), or 'ok'
-- (one row per ticket, each with its order's columns as OrderRow.COLUMNS).
CREATE FUNCTION ticket_purchase(p_order uuid, p_user uuid, p_festival uuid, p_category uuid, p_quantity int,
                                p_ttl_seconds double precision, p_idempotency_key text, p_request_hash text)
RETURNS TABLE (outcome text,
               cat_found boolean, cat_active boolean, cat_sale_open boolean, cat_max_per_order int,
               cat_max_per_user int, cat_remaining int,
               id uuid, number bigint, user_id uuid, festival_id uuid, category_id uuid, quantity int,
               unit_price_cents bigint, subtotal_cents bigint, discount_cents bigint, total_cents bigint,
               refunded_cents bigint, currency text, status text, payment_id uuid, promo_code text,
               expires_at timestamptz, paid_at timestamptz, request_hash text, created_at timestamptz,
               updated_at timestamptz,
               ticket_id uuid, ticket_status text, ticket_revision int, ticket_price_cents bigint,
               ticket_created_at timestamptz, ticket_updated_at timestamptz, category_name text, category_type text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    c record;
    n bigint;
BEGIN
    UPDATE ticket_categories
       SET reserved_count = reserved_count + CASE WHEN price_cents = 0 THEN 0 ELSE p_quantity END,
           sold_count = sold_count + CASE WHEN price_cents = 0 THEN p_quantity ELSE 0 END
     WHERE id = p_category AND festival_id = p_festival AND deleted_at IS NULL AND is_active
       AND (sale_start IS NULL OR sale_start <= now()) AND (sale_end IS NULL OR sale_end > now())
       AND p_quantity <= max_per_order AND p_quantity <= max_per_user
       AND sold_count + reserved_count + p_quantity <= quota
    RETURNING price_cents, currency, max_per_user, name, type INTO c;

    IF NOT FOUND THEN
        RETURN QUERY
        SELECT 'refused', k.id IS NOT NULL, k.is_active,
               (k.sale_start IS NULL OR k.sale_start <= now()) AND (k.sale_end IS NULL OR k.sale_end > now()),
               k.max_per_order, k.max_per_user, k.quota - k.sold_count - k.reserved_count,
               NULL::uuid, NULL::bigint, NULL::uuid, NULL::uuid, NULL::uuid, NULL::int, NULL::bigint, NULL::bigint,
               NULL::bigint, NULL::bigint, NULL::bigint, NULL::text, NULL::text, NULL::uuid, NULL::text,
               NULL::timestamptz, NULL::timestamptz, NULL::text, NULL::timestamptz, NULL::timestamptz,
               NULL::uuid, NULL::text, NULL::int, NULL::bigint, NULL::timestamptz, NULL::timestamptz, NULL::text,
               NULL::text
          FROM (SELECT 1) one
          LEFT JOIN ticket_categories k ON k.id = p_category AND k.festival_id = p_festival AND k.deleted_at IS NULL;
        RETURN;
    END IF;

    SELECT count(*) INTO n FROM tickets t
     WHERE t.category_id = p_category AND t.user_id = p_user AND t.status IN ('RESERVED','SOLD','USED');
    IF n + p_quantity > c.max_per_user THEN
        RAISE EXCEPTION 'over the per-user limit of this ticket category'
            USING ERRCODE = 'TK001', DETAIL = c.max_per_user::text;
    END IF;

    RETURN QUERY
    WITH o AS (
        INSERT INTO ticket_orders AS x (id, user_id, festival_id, category_id, quantity, unit_price_cents,
            subtotal_cents, discount_cents, total_cents, currency, status, expires_at, paid_at,
            idempotency_key, request_hash)
        VALUES (p_order, p_user, p_festival, p_category, p_quantity, c.price_cents, c.price_cents * p_quantity, 0,
                c.price_cents * p_quantity, c.currency,
                CASE WHEN c.price_cents = 0 THEN 'PAID' ELSE 'PENDING' END,
                CASE WHEN c.price_cents = 0 THEN NULL ELSE now() + make_interval(secs => p_ttl_seconds) END,
                CASE WHEN c.price_cents = 0 THEN now() END,
                p_idempotency_key, p_request_hash)
        RETURNING x.*),
    t AS (
        INSERT INTO tickets AS y (id, festival_id, category_id, order_id, user_id, status, purchase_price_cents)
        SELECT gen_random_uuid(), o.festival_id, o.category_id, o.id, o.user_id,
               CASE WHEN o.total_cents = 0 THEN 'SOLD' ELSE 'RESERVED' END, o.unit_price_cents
          FROM o, generate_series(1, o.quantity) AS g
        RETURNING y.id, y.status, y.revision, y.purchase_price_cents, y.created_at, y.updated_at)
    SELECT 'ok', true, true, true, NULL::int, c.max_per_user, NULL::int,
           o.id, o.number, o.user_id, o.festival_id, o.category_id, o.quantity, o.unit_price_cents,
           o.subtotal_cents, o.discount_cents, o.total_cents, o.refunded_cents, o.currency::text, o.status,
           o.payment_id, o.promo_code, o.expires_at, o.paid_at, o.request_hash, o.created_at, o.updated_at,
           t.id, t.status, t.revision, t.purchase_price_cents, t.created_at, t.updated_at, c.name::text, c.type::text
      FROM o, t
     ORDER BY t.id;
END $$;
