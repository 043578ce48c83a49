package dev.festival.payments.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckoutResponse(UUID paymentId, String sessionId, String checkoutUrl, OffsetDateTime expiresAt) {
}
