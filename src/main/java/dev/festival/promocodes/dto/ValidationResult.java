package dev.festival.promocodes.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.festival.promocodes.DiscountType;
import java.math.BigDecimal;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of validate and apply (API.md "Promo codes"); a code that cannot be used is a 200
 * with {@code valid: false}, {@code error} and {@code reason}. Amounts are in the major unit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationResult(
        boolean valid,
        Summary promoCode,
        DiscountType discountType,
        BigDecimal discountValue,
        @Schema(description = "Discount on the given amount; 0 when not valid; absent without an amount")
        BigDecimal discountAmount,
        @Schema(description = "amount − discountAmount; absent without an amount") BigDecimal finalAmount,
        @Schema(description = "Same as finalAmount") BigDecimal finalPrice,
        @Schema(description = "Why the code cannot be used (English)") String error,
        @Schema(description = "unknown, inactive, not_yet_valid, expired, exhausted, per_user_limit, min_amount, "
                + "not_applicable, not_stackable") String reason) {

    public record Summary(UUID id, String code, DiscountType discountType, BigDecimal discountValue, boolean stackable) {
    }
}
