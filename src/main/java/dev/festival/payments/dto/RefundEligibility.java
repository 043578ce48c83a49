package dev.festival.payments.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefundEligibility(boolean eligible,
                               @Schema(type = SchemaType.INTEGER, description = "(cents)") long refundableAmount,
                               String currency,
                               @Schema(description = "Why not eligible") String reason) {
}
