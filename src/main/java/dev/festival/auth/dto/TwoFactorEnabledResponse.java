package dev.festival.auth.dto;

import java.util.List;

/** POST /api/auth/2fa/enable: {@code recoveryCodes} and {@code backupCodes} are the same list, shown once. */
public record TwoFactorEnabledResponse(boolean enabled, List<String> recoveryCodes, List<String> backupCodes) {
    public static TwoFactorEnabledResponse of(List<String> codes) {
        return new TwoFactorEnabledResponse(true, codes, codes);
    }

    @Override
    public String toString() {
        return "TwoFactorEnabledResponse[enabled=" + enabled + "]";
    }
}
