-- Zone bench data in schema :schema (psql -v schema=... -v festival=<uuid> -v security=<uuid> -v ntickets=<n>
-- -v capacity=<n> -v nzones=<n>). A PUBLISHED festival running now, its organiser and one ticket holder (no
-- logins), the SECURITY member (registered through the API), one free STANDARD category, :ntickets SOLD tickets
-- 40000000-0000-4000-8000-<n, 12 digits> (n = 1..ntickets), and zones 50000000-0000-4000-8000-<z, 12 digits>:
--   z = 1001 .. 1000 + :nzones  unlimited: the steady IN/OUT runs spread over several zones (ticket n → zone
--                               1001 + n % nzones)
--   z = 2001                    unlimited: the same runs on one zone (every scan updates one hot row)
--   z = 3001                    capacity :capacity: distinct entries, exactly :capacity admitted
--   z = 4001                    unlimited: one ticket scanned at every connection, admitted once
-- bench_uuid7() makes the time-ordered ids the application makes (ZoneIds) for the pgbench ceiling.
SET search_path = :schema;
INSERT INTO users (id, email, password_hash, first_name, last_name, role, status, email_verified)
VALUES (CAST('10000000-0000-4000-8000-888888888888' AS uuid), 'bench-organiser@bench.test', 'not-a-login',
        'Bench', 'Organiser', 'ORGANIZER', 'ACTIVE', true),
       (CAST('10000000-0000-4000-8000-777777777777' AS uuid), 'bench-holder@bench.test', 'not-a-login',
        'Bench', 'Holder', 'USER', 'ACTIVE', true);
INSERT INTO festivals (id, name, slug, location, start_date, end_date, currency, status, organizer_id)
VALUES (:'festival', 'Bench festival', 'bench-' || :'festival', 'Bench', now() - interval '1 day',
        now() + interval '3 days', 'EUR', 'PUBLISHED', CAST('10000000-0000-4000-8000-888888888888' AS uuid));
INSERT INTO festival_members (festival_id, user_id, role) VALUES (:'festival', :'security', 'SECURITY');
INSERT INTO ticket_categories (id, festival_id, name, price_cents, currency, quota, sold_count)
VALUES (CAST('30000000-0000-4000-8000-000000000001' AS uuid), :'festival', 'Bench pass', 0, 'EUR', :ntickets,
        :ntickets);
INSERT INTO ticket_orders (id, user_id, festival_id, category_id, quantity, unit_price_cents, subtotal_cents,
                           total_cents, currency, status, paid_at)
VALUES (CAST('60000000-0000-4000-8000-000000000001' AS uuid), CAST('10000000-0000-4000-8000-777777777777' AS uuid),
        :'festival', CAST('30000000-0000-4000-8000-000000000001' AS uuid), :ntickets, 0, 0, 0, 'EUR', 'PAID', now());
INSERT INTO tickets (id, festival_id, category_id, order_id, user_id, status, purchase_price_cents)
SELECT CAST('40000000-0000-4000-8000-' || lpad(n::text, 12, '0') AS uuid), :'festival',
       CAST('30000000-0000-4000-8000-000000000001' AS uuid), CAST('60000000-0000-4000-8000-000000000001' AS uuid),
       CAST('10000000-0000-4000-8000-777777777777' AS uuid), 'SOLD', 0
  FROM generate_series(1, :ntickets) AS n;
INSERT INTO zones (id, festival_id, name, capacity)
SELECT CAST('50000000-0000-4000-8000-' || lpad(z::text, 12, '0') AS uuid), :'festival', 'Bench zone ' || z,
       CASE WHEN z = 3001 THEN :capacity END
  FROM (SELECT generate_series(1001, 1000 + :nzones) UNION ALL VALUES (2001), (3001), (4001)) AS zs(z);
CREATE OR REPLACE FUNCTION bench_uuid7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
               FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;
ANALYZE;
