package dev.festival.zones.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI shape of a zone create or partial update (the body is read field by field, so that an
 * explicit {@code null} — "unlimited", "no parent", "no hours" — differs from an absent field).
 */
@Schema(name = "ZoneRequest")
public record ZoneRequest(
        @Schema(description = "Required on create") String name,
        String description,
        @Schema(description = "Maximum people inside; null = unlimited", nullable = true) Integer capacity,
        @Schema(description = "Manual correction of the count; 0 also marks everybody outside (end-of-day reset)")
        Integer currentOccupancy,
        @Schema(description = "A zone of the same festival; null = top level", nullable = true) String parentZoneId,
        @Schema(description = "Ticket categories admitted; with requiresTicketType both empty = every ticket of the"
                + " festival") List<String> allowedCategoryIds,
        @Schema(description = "Ticket (category) types admitted: STANDARD VIP BACKSTAGE CAMPING PARKING COMBO")
        List<String> requiresTicketType,
        @Schema(description = "Festival staff roles allowed in (alias allowedRoles); stored for staff tooling —"
                + " gate scans admit tickets") List<String> allowedStaffRoles,
        @Schema(description = "Free label, upper-cased, e.g. PUBLIC, VIP, BACKSTAGE, RESTRICTED (default PUBLIC)")
        String accessLevel,
        @Schema(description = "Percent of capacity that raises the warning alert, 1-100 (default 80)")
        Integer capacityWarningThreshold,
        Boolean isActive,
        @Schema(description = "\"HH:mm\" daily (festival timezone) or an ISO-8601 date-time; null = none",
                nullable = true) String openingTime,
        @Schema(description = "\"HH:mm\" daily (festival timezone; before openingTime = after midnight) or an"
                + " ISO-8601 date-time; null = none", nullable = true) String closingTime) {
}
