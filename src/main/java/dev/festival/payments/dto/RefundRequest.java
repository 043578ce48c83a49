package dev.festival.payments.dto;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/payments/refunds} and {@code /refunds/partial}. */
public record RefundRequest(
        @Schema(required = true) String paymentId,
        @Schema(type = SchemaType.INTEGER, description = "(cents) integer minor units, >= 50; the whole"
                + " remaining amount when absent (required on /refunds/partial)") BigDecimal amount,
        @Schema(required = true, description = "Free text mapped onto duplicate, fraudulent,"
                + " requested_by_customer, event_cancelled, event_postponed, partial_attendance, quality_issue,"
                + " other") String reason,
        String explanation,
        String idempotencyKey) {
}
