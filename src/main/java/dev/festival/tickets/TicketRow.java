package dev.festival.tickets;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A ticket as stored, with what its views need from its category and order. */
record TicketRow(UUID id, UUID festivalId, UUID categoryId, UUID orderId, UUID userId, String status, int revision,
                 long purchasePriceCents, OffsetDateTime usedAt, UUID transferredFromUserId,
                 OffsetDateTime transferredAt, OffsetDateTime refundRequestedAt, OffsetDateTime createdAt,
                 OffsetDateTime updatedAt, String categoryName, String categoryType, String currency,
                 UUID paymentId, UUID buyerId) {

    static final String SELECT = """
            SELECT t.id, t.festival_id, t.category_id, t.order_id, t.user_id, t.status, t.revision,
                   t.purchase_price_cents, t.used_at, t.transferred_from_user_id, t.transferred_at,
                   t.refund_requested_at, t.created_at, t.updated_at, c.name AS category_name,
                   c.type AS category_type, c.currency, o.payment_id, o.user_id AS buyer_id
              FROM tickets t
              JOIN ticket_categories c ON c.id = t.category_id
              JOIN ticket_orders o ON o.id = t.order_id
            """;

    /** This ticket as {@link TicketStore#markUsed} leaves it. */
    TicketRow used(OffsetDateTime at) {
        return new TicketRow(id, festivalId, categoryId, orderId, userId, "USED", revision, purchasePriceCents, at,
                transferredFromUserId, transferredAt, refundRequestedAt, createdAt, at, categoryName, categoryType,
                currency, paymentId, buyerId);
    }

    static TicketRow of(Row r) {
        return new TicketRow(r.getUUID("id"), r.getUUID("festival_id"), r.getUUID("category_id"),
                r.getUUID("order_id"), r.getUUID("user_id"), r.getString("status"), r.getInteger("revision"),
                r.getLong("purchase_price_cents"), r.getOffsetDateTime("used_at"),
                r.getUUID("transferred_from_user_id"), r.getOffsetDateTime("transferred_at"),
                r.getOffsetDateTime("refund_requested_at"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"), r.getString("category_name"), r.getString("category_type"),
                r.getString("currency").trim(), r.getUUID("payment_id"), r.getUUID("buyer_id"));
    }
}
