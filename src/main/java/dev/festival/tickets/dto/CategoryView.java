package dev.festival.tickets.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** API.md "Tickets" category; {@code available} = quota − sold − reserved, never negative. */
public record CategoryView(UUID id, UUID festivalId, String name, String description, String type, BigDecimal price,
                           String currency, int quota, int soldCount, int reservedCount, int available,
                           int maxPerUser, int maxPerOrder, OffsetDateTime saleStartDate, OffsetDateTime saleEndDate,
                           @JsonProperty("isActive") boolean isActive, @JsonProperty("isVisible") boolean isVisible,
                           List<String> zoneIds, int sortOrder, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
