package dev.festival.promocodes;

import java.util.Locale;

public enum DiscountType {
    PERCENTAGE, FIXED_AMOUNT;

    /** Any letter case (tolerant reader); null when not one of the values. */
    public static DiscountType parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
