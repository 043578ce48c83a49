package dev.festival.tickets;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A ticket order as stored. */
record OrderRow(UUID id, long number, UUID userId, UUID festivalId, UUID categoryId, int quantity,
                long unitPriceCents, long subtotalCents, long discountCents, long totalCents, long refundedCents,
                String currency, String status, UUID paymentId, String promoCode, OffsetDateTime expiresAt,
                OffsetDateTime paidAt, String requestHash, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static final String COLUMNS = """
            id, number, user_id, festival_id, category_id, quantity, unit_price_cents, subtotal_cents,
            discount_cents, total_cents, refunded_cents, currency, status, payment_id, promo_code, expires_at,
            paid_at, request_hash, created_at, updated_at""";

    static OrderRow of(Row r) {
        return new OrderRow(r.getUUID("id"), r.getLong("number"), r.getUUID("user_id"), r.getUUID("festival_id"),
                r.getUUID("category_id"), r.getInteger("quantity"), r.getLong("unit_price_cents"),
                r.getLong("subtotal_cents"), r.getLong("discount_cents"), r.getLong("total_cents"),
                r.getLong("refunded_cents"), r.getString("currency").trim(), r.getString("status"),
                r.getUUID("payment_id"), r.getString("promo_code"), r.getOffsetDateTime("expires_at"),
                r.getOffsetDateTime("paid_at"), r.getString("request_hash"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"));
    }
}
