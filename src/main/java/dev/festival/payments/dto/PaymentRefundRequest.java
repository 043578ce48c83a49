package dev.festival.payments.dto;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/payments/:id/refund}: amount is a decimal in major units (not marked cents in API.md). */
public record PaymentRefundRequest(
        @Schema(description = "Decimal, major units; the whole remaining amount when absent", example = "5.5")
        BigDecimal amount,
        @Schema(description = "Free text; default requested_by_customer") String reason,
        String explanation,
        String idempotencyKey) {
}
