package dev.festival.auth.dto;

/** POST /api/auth/2fa/setup: the secret, its otpauth URL and QR code (PNG data URL), the secret spaced for typing. */
public record TwoFactorSetupResponse(String secret, String otpauthUrl, String qrCode, String manualEntryKey) {
    @Override
    public String toString() {
        return "TwoFactorSetupResponse[]";
    }
}
