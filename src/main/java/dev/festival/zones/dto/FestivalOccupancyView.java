package dev.festival.zones.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every zone of a festival with its occupancy, and totals. */
public record FestivalOccupancyView(
        UUID festivalId,
        @Schema(description = "Sum over the zones (a person inside nested zones counts in each)") long totalOccupancy,
        @Schema(nullable = true, description = "Sum of the limited zones' capacities; null when none is limited")
        Long totalCapacity,
        int zoneCount, int zonesAtCapacity, int zonesNearCapacity,
        List<OccupancyView> zones,
        OffsetDateTime timestamp) {
}
