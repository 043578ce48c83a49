package dev.festival.auth.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;

/** POST /api/auth/change-password: {@code {currentPassword, newPassword, confirmPassword?}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangePasswordRequest(@NotBlank String currentPassword, @NotBlank String newPassword,
                                    String confirmPassword) {
    @Override
    public String toString() {
        return "ChangePasswordRequest[]";
    }
}
