package dev.festival.zones.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A zone as API.md "Zones" shows it, with its occupancy figures. */
public record ZoneView(
        UUID id, UUID festivalId, String name, String description,
        @Schema(nullable = true, description = "null = unlimited") Integer capacity,
        int currentOccupancy, UUID parentZoneId, List<UUID> allowedCategoryIds, List<String> requiresTicketType,
        List<String> allowedStaffRoles,
        @Schema(description = "Same list as allowedStaffRoles") List<String> allowedRoles,
        String accessLevel, int capacityWarningThreshold,
        @JsonProperty("isActive") boolean isActive,
        @Schema(nullable = true, description = "\"HH:mm\" (daily) or ISO-8601 date-time") String openingTime,
        @Schema(nullable = true, description = "\"HH:mm\" (daily) or ISO-8601 date-time") String closingTime,
        double occupancyPercentage,
        @JsonProperty("isAtCapacity") boolean isAtCapacity,
        @JsonProperty("isNearCapacity") boolean isNearCapacity,
        @Schema(nullable = true, description = "null = unlimited") Integer availableSpots,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
