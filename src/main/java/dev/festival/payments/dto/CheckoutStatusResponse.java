package dev.festival.payments.dto;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record CheckoutStatusResponse(
        @Schema(description = "open | complete | expired") String status,
        @Schema(description = "paid | unpaid | no_payment_required") String paymentStatus,
        UUID paymentId) {
}
