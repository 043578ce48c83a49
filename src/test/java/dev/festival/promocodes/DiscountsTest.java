package dev.festival.promocodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DiscountsTest {
    private static long pct(String percent, long amount) {
        return Discounts.discountCents(DiscountType.PERCENTAGE, new BigDecimal(percent), null, amount);
    }

    private static long fixed(long off, long amount) {
        return Discounts.discountCents(DiscountType.FIXED_AMOUNT, null, off, amount);
    }

    @Test
    void percentageRoundsHalfUpToTheCent() {
        assertEquals(500, pct("10", 4999));     // 499.9 → 500
        assertEquals(125, pct("12.5", 999));    // 124.875 → 125
        assertEquals(1, pct("50", 1));          // 0.5 → 1 (half-up)
        assertEquals(0, pct("33.33", 1));       // 0.3333 → 0
        assertEquals(3, pct("25", 10));         // 2.5 → 3
    }

    @Test
    void discountNeverExceedsTheAmountNorGoesBelowZero() {
        assertEquals(10_000, pct("100", 10_000));
        assertEquals(500, fixed(1000, 500));
        assertEquals(1000, fixed(1000, 5000));
        assertEquals(0, fixed(1000, 0));
        assertEquals(0, pct("10", 0));
    }
}
