package dev.festival.payments.dto;

import java.math.BigDecimal;
import java.util.UUID;

/** 201 answer of {@code POST /api/payments/intent}; the only place the client secret is shown. */
public record IntentResponse(UUID paymentId, String paymentIntentId, String clientSecret, BigDecimal amount,
                             String currency, String status) {
}
