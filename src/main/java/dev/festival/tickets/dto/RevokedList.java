package dev.festival.tickets.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Revocations since a time; pass {@code serverTime} as the next {@code since}. */
public record RevokedList(List<Entry> revoked, OffsetDateTime serverTime) {

    public record Entry(UUID ticketId, int revision, OffsetDateTime revokedAt, String reason) {
    }
}
