-- Ticket bench data in schema :schema (psql -v schema=... -v nbuyers=... -v festival=<uuid> -v staff=<uuid>
-- -v hash=<a bcrypt hash> -v sellout=<quota>). A PUBLISHED festival running now (tickets admit from its
-- start - 24 h to its end + 24 h), its organiser (no login), the staff member (registered through the
-- API) as STAFF, NBUYERS buyers 20000000-0000-4000-8000-<i, 12 digits> (i = 1..nbuyers) sharing the
-- password hash of one account registered through the API (one registration instead of nbuyers bcrypt
-- hashes), and five FREE categories 30000000-0000-4000-8000-00000000000<k>:
--   1 validation tickets, 2 purchase warm-up, 3 API purchase run, 4 pgbench purchase run (quota 1 000 000
--   each), 5 the sell-out run (quota :sellout).
SET search_path = :schema;
INSERT INTO users (id, email, password_hash, first_name, last_name, role, status, email_verified)
VALUES (CAST('10000000-0000-4000-8000-888888888888' AS uuid), 'bench-organiser@bench.test', 'not-a-login',
        'Bench', 'Organiser', 'ORGANIZER', 'ACTIVE', true);
INSERT INTO users (id, email, password_hash, first_name, last_name, role, status, email_verified)
SELECT CAST('20000000-0000-4000-8000-' || lpad(i::text, 12, '0') AS uuid), 'bench-buyer-' || i || '@bench.test',
       :'hash', 'Bench', 'Buyer', 'USER', 'ACTIVE', true
  FROM generate_series(1, :nbuyers) AS i;
INSERT INTO festivals (id, name, slug, location, start_date, end_date, currency, status, organizer_id)
VALUES (:'festival', 'Bench festival', 'bench-' || :'festival', 'Bench', now() - interval '1 day',
        now() + interval '3 days', 'EUR', 'PUBLISHED', CAST('10000000-0000-4000-8000-888888888888' AS uuid));
INSERT INTO festival_members (festival_id, user_id, role) VALUES (:'festival', :'staff', 'STAFF');
INSERT INTO ticket_categories (id, festival_id, name, price_cents, currency, quota, max_per_user, max_per_order)
SELECT CAST('30000000-0000-4000-8000-' || lpad(k::text, 12, '0') AS uuid), :'festival', 'Bench free ' || k, 0,
       'EUR', CASE WHEN k = 5 THEN :sellout ELSE 1000000 END, 1000000, 50
  FROM generate_series(1, 5) AS k;
ANALYZE;
