package dev.festival.cashless.dto;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A wallet as API.md "Cashless" shows it; {@code balance} is an exact decimal in {@code currency}. */
public record AccountView(UUID id, UUID userId, BigDecimal balance, String currency, String nfcTagId,
                          boolean nfcBlocked, boolean isActive, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
