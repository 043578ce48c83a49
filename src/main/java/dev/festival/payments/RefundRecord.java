package dev.festival.payments;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One row of {@code refunds}. */
public record RefundRecord(UUID id, UUID paymentId, long amountCents, String reason, String explanation,
                           String status, String providerRefundId, String failureReason, String idempotencyKey,
                           UUID requestedBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    static RefundRecord from(Row row) {
        return new RefundRecord(row.getUUID("id"), row.getUUID("payment_id"), row.getLong("amount_cents"),
                row.getString("reason"), row.getString("explanation"), row.getString("status"),
                row.getString("provider_refund_id"), row.getString("failure_reason"),
                row.getString("idempotency_key"), row.getUUID("requested_by"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
