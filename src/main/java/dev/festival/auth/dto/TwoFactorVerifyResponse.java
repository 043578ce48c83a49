package dev.festival.auth.dto;

/** POST /api/auth/2fa/verify: {@code {valid}}. */
public record TwoFactorVerifyResponse(boolean valid) {
}
