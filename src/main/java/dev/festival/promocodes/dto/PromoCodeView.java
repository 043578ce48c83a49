package dev.festival.promocodes.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.festival.common.money.Money;
import dev.festival.promocodes.DiscountType;
import dev.festival.promocodes.PromoCode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A promo code as organisers see it. */
@Schema(name = "PromoCode")
public record PromoCodeView(UUID id, UUID festivalId, String code, String description, DiscountType discountType,
                            @Schema(description = "Percent for PERCENTAGE, amount (major unit) for FIXED_AMOUNT")
                            BigDecimal discountValue,
                            Integer maxUses, int usedCount,
                            @Schema(description = "null when unlimited") Integer remainingUses,
                            Integer maxUsesPerUser, BigDecimal minAmount, OffsetDateTime validFrom,
                            OffsetDateTime expiresAt, @JsonProperty("isActive") boolean isActive, boolean stackable,
                            List<UUID> categoryIds, UUID createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static PromoCodeView of(PromoCode p) {
        return new PromoCodeView(p.id(), p.festivalId(), p.code(), p.description(), p.discountType(),
                discountValue(p), p.maxUses(), p.usedCount(),
                p.maxUses() == null ? null : Math.max(0, p.maxUses() - p.usedCount()), p.maxUsesPerUser(),
                Money.fromCents(p.minAmountCents()), p.validFrom(), p.expiresAt(), p.active(), p.stackable(),
                p.categoryIds(), p.createdBy(), p.createdAt(), p.updatedAt());
    }

    public static BigDecimal discountValue(PromoCode p) {
        if (p.discountType() == DiscountType.PERCENTAGE) {
            BigDecimal v = p.percentOff().stripTrailingZeros();
            return v.scale() < 0 ? v.setScale(0) : v;
        }
        return Money.fromCents(p.amountOffCents());
    }
}
