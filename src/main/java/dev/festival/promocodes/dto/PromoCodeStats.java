package dev.festival.promocodes.dto;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/promo-codes/:id/stats}. Released uses (cancelled or expired orders) are not counted. */
public record PromoCodeStats(UUID promoCodeId, String code, int usedCount, Integer maxUses,
                             @Schema(description = "null when unlimited") Integer remainingUses,
                             @Schema(description = "Sum of the discounts granted (major unit)") BigDecimal totalDiscount,
                             long redemptionCount, long uniqueUsers, long releasedCount,
                             @Schema(description = "The latest 50 redemptions, newest first") List<RedemptionView> redemptions) {

    public record RedemptionView(UUID id, UUID userId, UUID orderId, BigDecimal amount, BigDecimal discountAmount,
                                 OffsetDateTime createdAt, OffsetDateTime releasedAt) {
    }
}
