package dev.festival.promocodes.dto;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/promo-codes/apply}: a dry computation of the price for the caller. */
public record ApplyRequest(String code, String festivalId,
                           @Schema(description = "Order amount (major unit), required") BigDecimal amount,
                           @Schema(description = "Ids of promo codes already applied to this order")
                           List<String> appliedPromoCodeIds,
                           String categoryId) {
}
