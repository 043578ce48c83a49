package dev.festival.promocodes.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create (all required fields) or PATCH (every field optional) body of a promo code. */
public record PromoCodeRequest(
        @Schema(description = "Required on POST /api/promo-codes; must equal the path's on the festival route")
        String festivalId,
        @Schema(description = "1–50 letters, digits, '-' or '_'; any case, stored and matched upper-case") String code,
        String description,
        @Schema(enumeration = {"PERCENTAGE", "FIXED_AMOUNT"}) String discountType,
        @Schema(description = "PERCENTAGE: percent, 0 < v ≤ 100 (2 decimals); FIXED_AMOUNT: amount in the festival "
                + "currency's major unit (12.5 = 12.50)") BigDecimal discountValue,
        @Schema(description = "Total uses allowed; absent = unlimited") Integer maxUses,
        @Schema(description = "Uses allowed per user; absent = unlimited") Integer maxUsesPerUser,
        @Schema(description = "Minimum order amount (major unit)") BigDecimal minAmount,
        OffsetDateTime validFrom,
        OffsetDateTime expiresAt,
        @JsonProperty("isActive") Boolean isActive,
        @Schema(description = "May be combined with other promo codes") Boolean stackable,
        @Schema(description = "Ticket categories the code applies to; empty = all") List<String> categoryIds) {
}
