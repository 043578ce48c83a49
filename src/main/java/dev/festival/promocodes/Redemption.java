package dev.festival.promocodes;

import java.util.UUID;

/** A use of a promo code counted by {@link PromoCodeService#redeem}: the discount and the price after it, in cents. */
public record Redemption(UUID redemptionId, UUID promoCodeId, String code, long discountCents, long finalCents) {
}
