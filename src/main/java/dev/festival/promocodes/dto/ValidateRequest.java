package dev.festival.promocodes.dto;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/promo-codes/validate}. */
public record ValidateRequest(String code, String festivalId,
                              @Schema(description = "Order amount (major unit); the discount is computed when given")
                              BigDecimal amount,
                              String categoryId) {
}
