package dev.festival.payments.dto;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/payments/checkout}. */
public record CheckoutRequest(
        @Schema(description = "Must be the caller unless ADMIN; default: the caller") String userId,
        String festivalId,
        @Schema(description = "payment (subscription and setup go through /api/payments/subscriptions)")
        String mode,
        @Schema(required = true) List<LineItemRequest> lineItems,
        @Schema(required = true) String successUrl,
        @Schema(required = true) String cancelUrl,
        String customerEmail,
        String currency,
        Boolean allowPromotionCodes,
        @Schema(description = "30-1440; Stripe's default (24 h) when absent") Integer expiresAfterMinutes,
        Map<String, Object> metadata,
        @Schema(description = "TICKET | CASHLESS_TOPUP | CAMPING | OTHER (default OTHER)") String purpose,
        String idempotencyKey) {
}
