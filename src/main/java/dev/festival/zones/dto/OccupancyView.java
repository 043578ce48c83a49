package dev.festival.zones.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A zone's occupancy (API.md "Zones"). */
public record OccupancyView(
        UUID zoneId, String zoneName, UUID festivalId, int currentOccupancy,
        @Schema(nullable = true, description = "null = unlimited") Integer capacity,
        @Schema(description = "0 for an unlimited zone") double occupancyPercentage,
        @JsonProperty("isAtCapacity") boolean isAtCapacity,
        @JsonProperty("isNearCapacity") boolean isNearCapacity,
        @Schema(nullable = true, description = "null = unlimited") Integer availableSpots,
        @Schema(description = "normal | warning | critical | full | closed") String status,
        @JsonProperty("isActive") boolean isActive) {
}
