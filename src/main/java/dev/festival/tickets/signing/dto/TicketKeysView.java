package dev.festival.tickets.signing.dto;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/festivals/:id/ticket-keys}: every key of the festival, oldest first. */
public record TicketKeysView(
        UUID festivalId,
        @Schema(description = "Payload format version of the QR codes these keys sign") String payloadFormat,
        @Schema(description = "kid of the key new tickets are signed with") String currentKid,
        List<TicketKeyView> keys) {
}
