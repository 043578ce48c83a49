package dev.festival.payments.dto;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record LineItemRequest(
        @Schema(required = true) String name,
        String description,
        @Schema(type = SchemaType.INTEGER, description = "(cents) integer minor units, >= 50", required = true,
                example = "2500") BigDecimal unitAmount,
        @Schema(type = SchemaType.INTEGER, description = "1-99", required = true) Integer quantity,
        List<String> images,
        Map<String, Object> metadata) {
}
