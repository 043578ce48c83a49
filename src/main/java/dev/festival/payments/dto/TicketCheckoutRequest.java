package dev.festival.payments.dto;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/payments/checkout/ticket}: prices are decimals in major units. */
public record TicketCheckoutRequest(String userId, @Schema(required = true) String festivalId,
                                    @Schema(required = true) List<TicketLine> tickets,
                                    @Schema(required = true) String successUrl,
                                    @Schema(required = true) String cancelUrl, String idempotencyKey) {
    public record TicketLine(String categoryId, @Schema(required = true) String name,
                             @Schema(required = true, example = "49.9") BigDecimal price,
                             @Schema(required = true, description = "1-99") Integer quantity) {
    }
}
