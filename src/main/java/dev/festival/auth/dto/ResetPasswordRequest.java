package dev.festival.auth.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;

/** POST /api/auth/reset-password: {@code {token, newPassword}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResetPasswordRequest(@NotBlank String token, @NotBlank String newPassword) {
    @Override
    public String toString() {
        return "ResetPasswordRequest[]";
    }
}
