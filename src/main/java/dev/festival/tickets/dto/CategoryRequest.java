package dev.festival.tickets.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create (name, price, quota required) or partial update of a ticket category. */
public record CategoryRequest(
        @Schema(description = "Must equal the path's festival id when present") String festivalId,
        String name,
        String description,
        @Schema(description = "STANDARD | VIP | BACKSTAGE | CAMPING | PARKING | COMBO (default STANDARD)") String type,
        @Schema(description = "Decimal in the festival's currency, >= 0, at most 2 decimals", example = "49.9")
        BigDecimal price,
        @Schema(description = "Tickets on sale in total, >= 0") Integer quota,
        @Schema(description = "Default 10") Integer maxPerUser,
        @Schema(description = "Default 10") Integer maxPerOrder,
        @Schema(description = "ISO-8601; null = open now") @JsonAlias("saleStart") String saleStartDate,
        @Schema(description = "ISO-8601; null = until sold out") @JsonAlias("saleEnd") String saleEndDate,
        @JsonProperty("isActive") @JsonAlias("active") Boolean isActive,
        @JsonProperty("isVisible") @JsonAlias("visible") Boolean isVisible,
        @Schema(description = "Zones the category grants access to") List<String> zoneIds,
        Integer sortOrder) {
}
