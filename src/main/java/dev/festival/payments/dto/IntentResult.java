package dev.festival.payments.dto;

import java.util.UUID;

/** What {@code PaymentService.createIntent} answers to other features: amounts in integer cents. */
public record IntentResult(UUID paymentId, String paymentIntentId, String clientSecret, long amountCents,
                           String currency, String status) {
}
