package dev.festival.cashless.dto;

import java.math.BigDecimal;

/**
 * {@code GET /balance}. {@code available} is what can be spent now (0 on a deactivated wallet);
 * {@code pending} is always 0: online top-ups are credited only when the provider confirms.
 */
public record BalanceView(BigDecimal balance, BigDecimal available, BigDecimal pending, String currency) {
}
