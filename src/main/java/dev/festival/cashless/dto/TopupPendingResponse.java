package dev.festival.cashless.dto;

import java.math.BigDecimal;
import java.util.UUID;

/** Online top-up started: the client confirms {@code payment} with Stripe; the wallet is credited on the webhook. */
public record TopupPendingResponse(Payment payment, String status) {
    public record Payment(UUID paymentId, String paymentIntentId, String clientSecret, BigDecimal amount,
                          String currency, String status) {
    }
}
