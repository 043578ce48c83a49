package dev.festival.zones.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAPI shape of an offline upload: {scans: [...]} (alias items), or the bare array. */
public record BatchScanRequest(
        @Schema(description = "Default deviceId of the items") String deviceId,
        List<Item> scans) {

    public record Item(
            @Schema(description = "Required: the scanner's id for this scan (alias id)") String clientScanId,
            String qrCode, String ticketId, String nfcTagId,
            @Schema(description = "IN | OUT (alias action ENTRY | EXIT; default IN)") String direction,
            String action,
            @Schema(description = "Required here or at the top level") String deviceId,
            @Schema(description = "When the scanner scanned (ISO-8601 or epoch milliseconds); default now")
            String scannedAt,
            @Schema(description = "What the scanner decided offline; a different server decision is a conflict")
            Boolean allowed) {
    }
}
