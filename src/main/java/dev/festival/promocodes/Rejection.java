package dev.festival.promocodes;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import java.util.List;
import java.util.Map;

/** Why a promo code cannot be used; {@link #reason} is the machine-readable {@code details.reason}. */
public enum Rejection {
    UNKNOWN("unknown", "Promo code not found"),
    INACTIVE("inactive", "Promo code is not active"),
    NOT_YET_VALID("not_yet_valid", "Promo code is not valid yet"),
    EXPIRED("expired", "Promo code has expired"),
    EXHAUSTED("exhausted", "Promo code has reached its maximum number of uses"),
    PER_USER_LIMIT("per_user_limit", "You have already used this promo code the maximum number of times"),
    MIN_AMOUNT("min_amount", "The amount is below this promo code's minimum"),
    NOT_APPLICABLE("not_applicable", "Promo code does not apply to this ticket category"),
    NOT_STACKABLE("not_stackable", "Promo code cannot be combined with the promo codes already applied");

    public final String reason;
    public final String message;

    Rejection(String reason, String message) {
        this.reason = reason;
        this.message = message;
    }

    static Rejection ofReason(String reason) {
        for (Rejection r : values()) {
            if (r.reason.equals(reason)) {
                return r;
            }
        }
        return UNKNOWN;
    }

    /** 400 ERR_4001 naming the promoCode field, with {@code details.reason}. */
    public ApiException toException() {
        return new ApiException(ErrorCode.VALIDATION_FAILED, message, Map.of("reason", reason,
                "fields", List.of(new ApiException.FieldError("promoCode", message))));
    }
}
