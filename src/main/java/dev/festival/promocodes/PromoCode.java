package dev.festival.promocodes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A stored promo code. Exactly one of {@code percentOff} / {@code amountOffCents} is set, by type. */
public record PromoCode(UUID id, UUID festivalId, String code, String description, DiscountType discountType,
                        BigDecimal percentOff, Long amountOffCents, Integer maxUses, int usedCount,
                        Integer maxUsesPerUser, long minAmountCents, OffsetDateTime validFrom,
                        OffsetDateTime expiresAt, boolean active, boolean stackable, List<UUID> categoryIds,
                        UUID createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The first rule the code breaks now, or null. Amount, category and user uses are checked when given. */
    Rejection check(OffsetDateTime now, Long amountCents, UUID categoryId, Integer userUses) {
        if (!active) {
            return Rejection.INACTIVE;
        }
        if (validFrom != null && now.isBefore(validFrom)) {
            return Rejection.NOT_YET_VALID;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Rejection.EXPIRED;
        }
        if (maxUses != null && usedCount >= maxUses) {
            return Rejection.EXHAUSTED;
        }
        if (amountCents != null && amountCents < minAmountCents) {
            return Rejection.MIN_AMOUNT;
        }
        if (categoryId != null && !categoryIds.isEmpty() && !categoryIds.contains(categoryId)) {
            return Rejection.NOT_APPLICABLE;
        }
        if (maxUsesPerUser != null && userUses != null && userUses >= maxUsesPerUser) {
            return Rejection.PER_USER_LIMIT;
        }
        return null;
    }

    long discountCents(long amountCents) {
        return Discounts.discountCents(discountType, percentOff, amountOffCents, amountCents);
    }
}
