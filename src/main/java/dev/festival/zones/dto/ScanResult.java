package dev.festival.zones.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A gate decision (API.md "Zones"). A refusal is an answer, not an error: {@code allowed=false} with
 * a reason: ok already_inside not_inside zone_full category_not_allowed invalid revoked closed.
 */
public record ScanResult(
        boolean allowed,
        @Schema(description = "Same as allowed") boolean granted,
        @Schema(description = "ok already_inside not_inside zone_full category_not_allowed invalid revoked closed")
        String reason,
        String message,
        @Schema(description = "IN | OUT") String direction,
        @Schema(description = "ENTRY | EXIT (same as direction)") String action,
        @Schema(description = "The zone's occupancy after this scan") int occupancy,
        @Schema(nullable = true, description = "null = unlimited") Integer capacity,
        @JsonInclude(JsonInclude.Include.NON_NULL) Ticket ticket,
        @JsonInclude(JsonInclude.Include.NON_NULL) Holder ticketHolder,
        ZoneState zone,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The capacity alert this scan raised, if any") ZoneAlertView alert,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Access-log row (absent on a dry run)")
        UUID accessLogId,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "true when deviceId + clientScanId were seen before: the first answer, nothing changed")
        Boolean duplicate,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "true on POST /check") Boolean dryRun,
        OffsetDateTime timestamp) {

    public record Ticket(UUID id, UUID festivalId, UUID categoryId, UUID userId, String status, Category category) {
    }

    public record Category(UUID id, String name, String type) {
    }

    public record Holder(String name, String firstName, String lastName, String ticketType, String ticketStatus,
                         UUID ticketId) {
    }

    public record ZoneState(UUID id, String name, int currentOccupancy,
                            @Schema(nullable = true) Integer capacity, double capacityPercentage,
                            @JsonProperty("isAtCapacity") boolean isAtCapacity,
                            @JsonProperty("isNearCapacity") boolean isNearCapacity) {
    }
}
