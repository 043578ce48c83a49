package dev.festival.tickets.dto;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** API.md ticket; {@code qrCode} is the signed payload, present only while the ticket is SOLD. */
public record TicketView(UUID id, UUID festivalId, UUID categoryId, UUID orderId, UUID userId, String status,
                         String qrCode, int revision, BigDecimal purchasePrice, String currency, OffsetDateTime usedAt,
                         UUID transferredFromUserId, OffsetDateTime transferredAt, FestivalRef festival,
                         CategoryRef category, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public record FestivalRef(UUID id, String name, OffsetDateTime startDate, OffsetDateTime endDate) {
    }

    public record CategoryRef(UUID id, String name, String type) {
    }
}
