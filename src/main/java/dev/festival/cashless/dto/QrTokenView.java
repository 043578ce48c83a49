package dev.festival.cashless.dto;

import java.time.OffsetDateTime;

/** A short-lived token the attendee app shows as a QR code; chargeable until {@code expiresAt}. */
public record QrTokenView(String qrToken, OffsetDateTime expiresAt) {
}
