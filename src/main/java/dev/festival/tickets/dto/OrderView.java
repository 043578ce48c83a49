package dev.festival.tickets.dto;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A ticket order; amounts are decimals in the order's currency. */
public record OrderView(UUID id, long number, UUID userId, UUID festivalId, UUID categoryId, int quantity,
                        BigDecimal unitPrice, BigDecimal subtotal, BigDecimal discount, BigDecimal total,
                        String currency, String status, UUID paymentId, String promoCode, OffsetDateTime expiresAt,
                        OffsetDateTime paidAt, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
