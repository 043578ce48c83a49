package dev.festival.tickets.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/tickets/validate} and {@code /scan}. */
public record ValidateRequest(
        @Schema(description = "The signed QR payload", required = true) @JsonAlias({"qr", "code"}) String qrCode,
        @Schema(description = "The gate's zone (recorded on scan)") String zoneId,
        @Schema(description = "The scanner's festival: a ticket of another festival answers wrong_festival")
        String festivalId,
        @Schema(description = "Scanner device id (recorded on scan)") String deviceId) {
}
