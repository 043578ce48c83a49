package dev.festival.zones.dto;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A capacity alert, also the payload of the {@code zone_alert} Socket.IO event. */
public record ZoneAlertView(
        UUID id, UUID zoneId, String zoneName, UUID festivalId,
        @Schema(description = "capacity_warning | capacity_critical") String type,
        String message,
        @Schema(description = "info | warning | critical") String level,
        Integer occupancy, Integer capacity,
        OffsetDateTime timestamp,
        OffsetDateTime acknowledgedAt) {
}
