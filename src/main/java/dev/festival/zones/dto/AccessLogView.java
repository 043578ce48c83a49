package dev.festival.zones.dto;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One gate decision from the access log. */
public record AccessLogView(
        UUID id, UUID zoneId, UUID festivalId, UUID ticketId,
        @Schema(description = "The ticket holder") UUID userId,
        @Schema(description = "ENTRY | EXIT") String action,
        @Schema(description = "IN | OUT") String direction,
        boolean allowed, boolean granted, String reason,
        @Schema(description = "QR | TICKET_ID | NFC") String method,
        String deviceId, String clientScanId,
        @Schema(description = "Who scanned") UUID scannedById,
        Integer occupancyAfter,
        @Schema(description = "When the gate scanned (the scanner's clock for offline uploads)")
        OffsetDateTime timestamp,
        OffsetDateTime createdAt) {
}
