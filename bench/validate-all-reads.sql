-- Every read one POST /api/tickets/validate makes (informational second ceiling; the signing keys are
-- cached in the application): TicketStore.find, FestivalAccess.grantFor, FestivalStore.findById and
-- UserService.findById (Hibernate loads the whole users row), with :n a random seeded ticket, :fid the
-- festival, :sid the staff member, the holder = the staff member (who bought the validation tickets).
SELECT t.id, t.festival_id, t.category_id, t.order_id, t.user_id, t.status, t.revision,
       t.purchase_price_cents, t.used_at, t.transferred_from_user_id, t.transferred_at,
       t.refund_requested_at, t.created_at, t.updated_at, c.name AS category_name,
       c.type AS category_type, c.currency, o.payment_id, o.user_id AS buyer_id
  FROM tickets t
  JOIN ticket_categories c ON c.id = t.category_id
  JOIN ticket_orders o ON o.id = t.order_id
 WHERE t.id = (SELECT b.id FROM bench_tickets b WHERE b.n = :n);
SELECT f.organizer_id, m.role AS member_role
  FROM festivals f
  LEFT JOIN festival_members m ON m.festival_id = f.id AND m.user_id = CAST(:sid AS uuid)
 WHERE f.id = CAST(:fid AS uuid) AND f.deleted_at IS NULL;
SELECT f.id, f.name, f.slug, f.description, f.location, f.address, f.country, f.start_date, f.end_date,
       f.timezone, f.currency, f.max_capacity, f.current_attendees, f.status, f.genres, f.is_featured,
       f.logo_url, f.banner_url, f.website_url, f.contact_email, f.organizer_id, f.created_at, f.updated_at
  FROM festivals f WHERE f.id = CAST(:fid AS uuid) AND f.deleted_at IS NULL;
SELECT * FROM users WHERE id = CAST(:sid AS uuid);
