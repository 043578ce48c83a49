package dev.festival.auth.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;

/** POST /api/auth/verify-email: {@code {token}} from the emailed link. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenRequest(@NotBlank String token) {
    @Override
    public String toString() {
        return "TokenRequest[]";
    }
}
