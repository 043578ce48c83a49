package dev.festival.cashless.dto;

import java.math.BigDecimal;
import java.util.UUID;

/** {@code POST /topup}: CARD (default, the caller's own wallet, online) or CASH/TERMINAL at a cash desk. */
public record TopupRequest(BigDecimal amount, UUID festivalId, String paymentMethod, UUID accountId,
                           String nfcTagId, UUID userId, String description, String currency,
                           String idempotencyKey) {
}
