package dev.festival.cashless.dto;

import java.math.BigDecimal;
import java.util.UUID;

/** {@code POST /refund} (and {@code /transactions/:id/refund}, where the path names the transaction). */
public record RefundPaymentRequest(UUID transactionId, BigDecimal amount, String reason, String idempotencyKey) {
}
