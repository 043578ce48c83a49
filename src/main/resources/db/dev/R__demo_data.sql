-- Dev-profile demo data (API.md "Demo data"); loaded only through %dev.quarkus.flyway.locations.
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING, references looked up by email/slug, so it can
-- re-run (Flyway re-applies a repeatable migration whenever this file changes) and never
-- overwrites what a developer changed by hand.
-- Every account's password is Festival2025! (bcrypt, cost 10; checked with BcryptUtil.matches).
-- Ticket categories, zones, vendors, the user's ticket and the 50.00 EUR wallet are added here
-- by the issues that create those tables.

INSERT INTO users (id, email, password_hash, first_name, last_name, role, status, email_verified)
VALUES
    ('00000000-0000-4000-8000-00000000d001', 'admin@festival.fr',
     '$2a$10$iJIuEMGw8b8.MtsI6.xxde9CfkeSUcmflsZKxin6KcpSavlTziyKa', 'Alice', 'Admin', 'ADMIN', 'ACTIVE', true),
    ('00000000-0000-4000-8000-00000000d002', 'organisateur@festival.fr',
     '$2a$10$iJIuEMGw8b8.MtsI6.xxde9CfkeSUcmflsZKxin6KcpSavlTziyKa', 'Olivier', 'Organisateur', 'ORGANIZER', 'ACTIVE', true),
    ('00000000-0000-4000-8000-00000000d003', 'staff@festival.fr',
     '$2a$10$iJIuEMGw8b8.MtsI6.xxde9CfkeSUcmflsZKxin6KcpSavlTziyKa', 'Sophie', 'Staff', 'STAFF', 'ACTIVE', true),
    ('00000000-0000-4000-8000-00000000d004', 'caissier@festival.fr',
     '$2a$10$iJIuEMGw8b8.MtsI6.xxde9CfkeSUcmflsZKxin6KcpSavlTziyKa', 'Camille', 'Caissier', 'CASHIER', 'ACTIVE', true),
    ('00000000-0000-4000-8000-00000000d005', 'securite@festival.fr',
     '$2a$10$iJIuEMGw8b8.MtsI6.xxde9CfkeSUcmflsZKxin6KcpSavlTziyKa', 'Samir', 'Securite', 'SECURITY', 'ACTIVE', true),
    ('00000000-0000-4000-8000-00000000d006', 'user@festival.fr',
     '$2a$10$iJIuEMGw8b8.MtsI6.xxde9CfkeSUcmflsZKxin6KcpSavlTziyKa', 'Ulysse', 'Festivalier', 'USER', 'ACTIVE', true)
ON CONFLICT DO NOTHING;

-- Named "2026" as the clients expect; dated in summer 2027 so that it is upcoming.
INSERT INTO festivals (id, name, slug, description, location, address, country, start_date, end_date,
                       timezone, currency, max_capacity, status, genres, is_featured, contact_email,
                       website_url, organizer_id)
SELECT '00000000-0000-4000-8000-00000000f001', 'Festival Demo 2026', 'festival-demo-2026',
       'Three days of music by the river: the demo festival of the development profile.',
       'Lyon', 'Parc de Gerland, 69007 Lyon', 'FR',
       '2027-07-09T12:00:00Z', '2027-07-11T22:00:00Z', 'Europe/Paris', 'EUR', 15000, 'PUBLISHED',
       ARRAY['rock', 'electro', 'pop'], true, 'contact@festival.fr', 'https://festival.fr',
       u.id
FROM users u
WHERE u.email = 'organisateur@festival.fr'
ON CONFLICT DO NOTHING;

INSERT INTO festival_members (festival_id, user_id, role, added_by)
SELECT f.id, u.id, m.role, f.organizer_id
FROM (VALUES ('staff@festival.fr', 'STAFF'),
             ('caissier@festival.fr', 'CASHIER'),
             ('securite@festival.fr', 'SECURITY')) AS m (email, role)
JOIN users u ON u.email = m.email
JOIN festivals f ON f.slug = 'festival-demo-2026'
ON CONFLICT DO NOTHING;

-- Zones (issue 7): the arena, a VIP area inside it, backstage, and the campsite (unlimited).
INSERT INTO zones (id, festival_id, name, description, capacity, parent_zone_id, requires_ticket_type,
                   allowed_staff_roles, access_level, daily_open, daily_close)
SELECT z.id::uuid, f.id, z.name, z.description, z.capacity, z.parent::uuid, z.types::text[], z.roles::text[],
       z.level, z.opens::time, z.closes::time
FROM (VALUES
        ('00000000-0000-4000-8000-00000000a001', 'Main Stage', 'The arena in front of the main stage', 8000, NULL,
         '{}', '{SECURITY,STAFF}', 'PUBLIC', '12:00', '02:00'),
        ('00000000-0000-4000-8000-00000000a002', 'VIP Area', 'Lounge with a view of the main stage', 500,
         '00000000-0000-4000-8000-00000000a001', '{VIP,BACKSTAGE}', '{SECURITY,STAFF}', 'VIP', '12:00', '02:00'),
        ('00000000-0000-4000-8000-00000000a003', 'Backstage', 'Artists and crew only', 100, NULL,
         '{BACKSTAGE}', '{SECURITY,STAFF,ORGANIZER}', 'RESTRICTED', NULL, NULL),
        ('00000000-0000-4000-8000-00000000a004', 'Camping', 'The campsite by the river', NULL, NULL,
         '{}', '{SECURITY,STAFF}', 'PUBLIC', NULL, NULL)
     ) AS z (id, name, description, capacity, parent, types, roles, level, opens, closes)
JOIN festivals f ON f.slug = 'festival-demo-2026'
ON CONFLICT DO NOTHING;
