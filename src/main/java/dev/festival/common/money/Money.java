package dev.festival.common.money;

import dev.festival.common.error.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

/**
 * Integer minor units inside, exact decimals on the wire (API.md "Money"). Conversion never
 * goes through binary floating point: JSON numbers are read as {@link BigDecimal}.
 */
public final class Money {
    private Money() {
    }

    /** 12.5 → 1250; more than two decimals or a non-number → 400 naming the field. */
    public static long toCents(BigDecimal amount, String field) {
        if (amount == null) {
            throw ApiException.invalidField(field, "is required");
        }
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.invalidField(field, "must have at most 2 decimals");
        }
    }

    /** 1250 → 12.5 (a JSON number, trailing zeros stripped). */
    public static BigDecimal fromCents(long cents) {
        BigDecimal v = BigDecimal.valueOf(cents, 2).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** ISO-4217 code in any letter case → upper case; unknown → 400 naming the field. */
    public static String currency(String code, String field) {
        if (code == null || code.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        String upper = code.trim().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(upper);
            return upper;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be an ISO-4217 currency code");
        }
    }
}
