-- The ticket read of TicketStore.find (TicketRow.SELECT ... WHERE t.id = $1), the read a validation
-- makes by the QR's ticket id. :n picks one of the seeded tickets through bench_tickets (n -> id, a
-- 2000-row lookup table the script fills: pgbench cannot hold a list of random UUIDs), which adds one
-- tiny primary-key probe to the ceiling. Keep in sync with src/main/java/dev/festival/tickets/TicketRow.java.
SELECT t.id, t.festival_id, t.category_id, t.order_id, t.user_id, t.status, t.revision,
       t.purchase_price_cents, t.used_at, t.transferred_from_user_id, t.transferred_at,
       t.refund_requested_at, t.created_at, t.updated_at, c.name AS category_name,
       c.type AS category_type, c.currency, o.payment_id, o.user_id AS buyer_id
  FROM tickets t
  JOIN ticket_categories c ON c.id = t.category_id
  JOIN ticket_orders o ON o.id = t.order_id
 WHERE t.id = (SELECT b.id FROM bench_tickets b WHERE b.n = :n);
