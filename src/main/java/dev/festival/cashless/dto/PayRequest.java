package dev.festival.cashless.dto;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * {@code POST /pay}. The wallet is named by one of {@code accountId}, {@code nfcTagId}, {@code qrToken},
 * {@code userId} (in that order of precedence); with none, the caller pays from their own wallet.
 */
public record PayRequest(BigDecimal amount, UUID festivalId, UUID accountId, String nfcTagId, String qrToken,
                         UUID userId, UUID vendorId, String description, String currency, String idempotencyKey) {
    @Override
    public String toString() {
        return "PayRequest[amount=" + amount + ", festivalId=" + festivalId + "]";
    }
}
