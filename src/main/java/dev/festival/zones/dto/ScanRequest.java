package dev.festival.zones.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A gate scan: one of qrCode, ticketId, nfcTagId (in that preference), and the direction. */
public record ScanRequest(
        @Schema(description = "The ticket's signed QR payload (FT1.<kid>.<claims>.<sig>)") @JsonAlias("qr") String qrCode,
        @Schema(description = "A ticket id (typed by staff)") String ticketId,
        @Schema(description = "An NFC tag linked to the holder's wallet; their ticket for this festival is used")
        @JsonAlias("nfcTag") String nfcTagId,
        @Schema(description = "IN | OUT (default IN)") String direction,
        @Schema(description = "Alias of direction: ENTRY | EXIT") String action,
        @Schema(description = "The scanner's id (logged)") String deviceId,
        @Schema(description = "Optional: the scanner's id for this scan; a retry with the same deviceId and"
                + " clientScanId answers the first result and changes nothing") @JsonAlias("scanId") String clientScanId) {
}
