package dev.festival.auth.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** POST /api/auth/refresh; the body is optional, the refresh_token cookie is the fallback. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefreshRequest(String refreshToken) {
    @Override
    public String toString() {
        return "RefreshRequest[]";
    }
}
