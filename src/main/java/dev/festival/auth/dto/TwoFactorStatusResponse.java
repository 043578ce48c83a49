package dev.festival.auth.dto;

/** {@code {enabled}}: GET /api/auth/2fa/status and POST /api/auth/2fa/disable. */
public record TwoFactorStatusResponse(boolean enabled) {
}
