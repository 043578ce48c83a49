package dev.festival.payments.dto;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/payments/checkout/cashless-topup}: the amount is a decimal in major units. */
public record TopupCheckoutRequest(String userId, @Schema(required = true) String festivalId,
                                   @Schema(required = true, example = "20") BigDecimal amount,
                                   @Schema(required = true) String successUrl,
                                   @Schema(required = true) String cancelUrl, String idempotencyKey) {
}
