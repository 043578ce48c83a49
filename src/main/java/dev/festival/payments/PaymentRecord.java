package dev.festival.payments;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One row of {@code payments}, as read by {@link PaymentStore}. */
public record PaymentRecord(UUID id, UUID userId, UUID festivalId, PaymentPurpose purpose, long amountCents,
                            String currency, PaymentStatus status, String provider, String providerPaymentId,
                            String checkoutSessionId, String clientSecret, String description,
                            Map<String, String> metadata, long refundedCents, String idempotencyKey,
                            String requestHash, OffsetDateTime paidAt, OffsetDateTime refundedAt,
                            String failureReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static PaymentRecord from(Row row) {
        return new PaymentRecord(row.getUUID("id"), row.getUUID("user_id"), row.getUUID("festival_id"),
                PaymentPurpose.valueOf(row.getString("purpose")), row.getLong("amount_cents"),
                row.getString("currency"), PaymentStatus.valueOf(row.getString("status")),
                row.getString("provider"), row.getString("provider_payment_id"),
                row.getString("checkout_session_id"), row.getString("client_secret"),
                row.getString("description"), metadata(row.getJsonObject("metadata")),
                row.getLong("refunded_cents"), row.getString("idempotency_key"), row.getString("request_hash"),
                row.getOffsetDateTime("paid_at"), row.getOffsetDateTime("refunded_at"),
                row.getString("failure_reason"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }

    private static Map<String, String> metadata(JsonObject json) {
        Map<String, String> m = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(e -> m.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue())));
        }
        return m;
    }

    public long refundableCents() {
        return status == PaymentStatus.COMPLETED || status == PaymentStatus.PARTIALLY_REFUNDED
                ? amountCents - refundedCents : 0;
    }

    public PaymentEffect.ConfirmedPayment confirmed() {
        return new PaymentEffect.ConfirmedPayment(id, userId, festivalId, purpose.name(), amountCents, currency,
                providerPaymentId, Map.copyOf(nonNull(metadata)));
    }

    private static Map<String, String> nonNull(Map<String, String> m) {
        Map<String, String> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
