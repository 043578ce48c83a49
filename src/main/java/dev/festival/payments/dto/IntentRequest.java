package dev.festival.payments.dto;

import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/payments/intent}: the amount is a decimal in major units (12.5 = 12.50). */
public record IntentRequest(
        @Schema(description = "Decimal amount in major units, > 0, at most 2 decimals", example = "12.5",
                required = true) BigDecimal amount,
        @Schema(description = "ISO-4217, any case; default: the festival's currency, else EUR") String currency,
        String festivalId,
        @Schema(description = "TICKET | CASHLESS_TOPUP | CAMPING | OTHER (default OTHER)") String purpose,
        String description,
        @Schema(description = "Up to 40 string values, passed to Stripe") Map<String, Object> metadata,
        @Schema(description = "Must be the caller unless ADMIN") String userId,
        @Schema(description = "Same as the Idempotency-Key header") String idempotencyKey) {
}
