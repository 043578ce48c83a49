-- The one statement a POST /api/tickets/validate makes (GateRow.SELECT, run by TicketStore.forGate): the
-- ticket with its category and order, its festival, the caller's membership (FestivalAccess decides from
-- it) and the holder's name. :n picks one of the seeded tickets through bench_tickets (n -> id, a
-- 2000-row lookup table the script fills: pgbench cannot hold a list of random UUIDs), which adds one
-- tiny primary-key probe to the ceiling; :sid is the staff member who validates. Keep in sync with
-- src/main/java/dev/festival/tickets/GateRow.java.
SELECT t.id, t.festival_id, t.category_id, t.order_id, t.user_id, t.status, t.revision,
       t.purchase_price_cents, t.used_at, t.transferred_from_user_id, t.transferred_at,
       t.refund_requested_at, t.created_at, t.updated_at, c.name AS category_name,
       c.type AS category_type, c.currency, o.payment_id, o.user_id AS buyer_id,
       f.id AS f_id, f.name AS f_name, f.start_date AS f_start, f.end_date AS f_end, f.organizer_id,
       m.role AS member_role, u.id AS u_id, u.first_name AS u_first, u.last_name AS u_last
  FROM tickets t
  JOIN ticket_categories c ON c.id = t.category_id
  JOIN ticket_orders o ON o.id = t.order_id
  LEFT JOIN festivals f ON f.id = t.festival_id AND f.deleted_at IS NULL
  LEFT JOIN festival_members m ON m.festival_id = t.festival_id AND m.user_id = CAST(:sid AS uuid)
  LEFT JOIN users u ON u.id = t.user_id
 WHERE t.id = (SELECT b.id FROM bench_tickets b WHERE b.n = :n);
