package dev.festival.tickets.dto;

/** {@code {qrCode: "data:image/png;base64,…"}}. */
public record QrCodeResponse(String qrCode) {
}
