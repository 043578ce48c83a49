package dev.festival.tickets;

import dev.festival.tickets.dto.TicketView;
import io.vertx.mutiny.sqlclient.Row;
import java.util.UUID;

/**
 * A ticket as a gate check reads it ({@link TicketStore#forGate}): the ticket row, its festival
 * ({@code festival} null when the festival is deleted), the facts FestivalAccess decides the caller's
 * right from, and the holder's name (null when the account is gone).
 */
record GateRow(TicketRow ticket, TicketView.FestivalRef festival, UUID organizerId, String memberRole,
               String holderFirstName, String holderLastName, boolean holderFound) {

    /** $1 ticket id, $2 the caller (for the membership). Reads users only for the holder's name. */
    static final String SELECT = """
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
              LEFT JOIN festival_members m ON m.festival_id = t.festival_id AND m.user_id = $2
              LEFT JOIN users u ON u.id = t.user_id
             WHERE t.id = $1""";

    static GateRow of(Row r) {
        UUID festivalId = r.getUUID("f_id");
        TicketView.FestivalRef festival = festivalId == null ? null : new TicketView.FestivalRef(festivalId,
                r.getString("f_name"), r.getOffsetDateTime("f_start"), r.getOffsetDateTime("f_end"));
        return new GateRow(TicketRow.of(r), festival, r.getUUID("organizer_id"), r.getString("member_role"),
                r.getString("u_first"), r.getString("u_last"), r.getUUID("u_id") != null);
    }
}
