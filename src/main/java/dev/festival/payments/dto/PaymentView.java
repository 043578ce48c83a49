package dev.festival.payments.dto;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** API.md payment JSON; amounts are exact decimals in major units. */
public record PaymentView(UUID id, UUID userId, UUID festivalId,
                          @Schema(description = "TICKET | CASHLESS_TOPUP | CAMPING | OTHER") String purpose,
                          BigDecimal amount, String currency,
                          @Schema(description = "PENDING PROCESSING COMPLETED FAILED REFUNDED PARTIALLY_REFUNDED"
                                  + " CANCELLED") String status,
                          @Schema(description = "STRIPE | CASH | TERMINAL") String provider,
                          @Schema(description = "Stripe PaymentIntent id") String providerPaymentId,
                          OffsetDateTime paidAt, OffsetDateTime refundedAt, OffsetDateTime createdAt,
                          @Schema(description = "Total refunded (including refunds in flight), major units")
                          BigDecimal refundedAmount,
                          String description, String checkoutSessionId, String failureReason,
                          OffsetDateTime updatedAt) {
}
