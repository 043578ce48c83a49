-- A free purchase of one ticket without a promo code, as POST /api/tickets/purchase runs it: the festival
-- read of FestivalService.require (status check, outside any lock), then the one call of ticket_purchase
-- (V77: quota UPDATE, per-user limit, order and ticket, one implicit transaction), each autocommitted as
-- the application does. :u buyer number, :fid festival, :cat category; the request hash is a constant.
-- Keep in sync with FestivalStore.findById and TicketStore.purchase: this is the ceiling the API is
-- compared with.
SELECT f.id, f.name, f.slug, f.description, f.location, f.address, f.country, f.start_date, f.end_date,
       f.timezone, f.currency, f.max_capacity, f.current_attendees, f.status, f.genres, f.is_featured,
       f.logo_url, f.banner_url, f.website_url, f.contact_email, f.organizer_id, f.created_at, f.updated_at
  FROM festivals f WHERE f.id = CAST(:fid AS uuid) AND f.deleted_at IS NULL;
SELECT * FROM ticket_purchase(gen_random_uuid(),
                              CAST('20000000-0000-4000-8000-' || lpad(CAST(:u AS text), 12, '0') AS uuid),
                              CAST(:fid AS uuid), CAST(:cat AS uuid), 1, 900, NULL,
                              '3f0a6d3c2b1e4f5a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b');
