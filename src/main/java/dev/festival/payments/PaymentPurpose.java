package dev.festival.payments;

import dev.festival.common.error.ApiException;
import java.util.Locale;

/** What a payment buys; selects the {@link PaymentEffect}s applied when it succeeds. */
public enum PaymentPurpose {
    TICKET, CASHLESS_TOPUP, CAMPING, OTHER;

    /** Any letter case; null → {@code dflt}; unknown → 400 naming the field. */
    public static PaymentPurpose parse(String value, PaymentPurpose dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("purpose", "must be one of TICKET, CASHLESS_TOPUP, CAMPING, OTHER");
        }
    }
}
