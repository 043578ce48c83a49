package dev.festival.promocodes;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Discount arithmetic in integer cents. The same rule is written once more in SQL, in
 * {@link PromoCodeStore#redeem} (round(numeric) rounds half away from zero, i.e. half-up for
 * positive amounts); PromoCodeRedemptionTest checks both agree.
 */
public final class Discounts {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Discounts() {
    }

    /** PERCENTAGE: amount × percent / 100 rounded half-up to the cent; FIXED_AMOUNT: the fixed cents; never more than the amount nor below 0. */
    public static long discountCents(DiscountType type, BigDecimal percentOff, Long amountOffCents, long amountCents) {
        if (amountCents <= 0) {
            return 0;
        }
        long d = type == DiscountType.PERCENTAGE
                ? BigDecimal.valueOf(amountCents).multiply(percentOff).divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact()
                : amountOffCents;
        return Math.max(0, Math.min(d, amountCents));
    }
}
