package dev.festival.tickets.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/tickets/purchase} (alias /buy) and, with the buyer's identity, guest-purchase. */
public record PurchaseRequest(
        @Schema(required = true) String festivalId,
        @Schema(required = true) String categoryId,
        @Schema(description = "1 to the category's maxPerOrder (default 1)") Integer quantity,
        @Schema(description = "Optional promo code") String promoCode,
        @Schema(description = "Same as the Idempotency-Key header") String idempotencyKey,
        @Schema(description = "guest-purchase only") String email,
        @Schema(description = "guest-purchase only") String firstName,
        @Schema(description = "guest-purchase only") String lastName,
        @Schema(description = "guest-purchase only") String phone) {
}
