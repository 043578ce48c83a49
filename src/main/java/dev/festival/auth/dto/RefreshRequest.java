package dev.festival.auth.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * POST /api/auth/refresh; the body is optional, the refresh_token cookie is the fallback. Read with
 * ObjectMapper from the raw body, so Quarkus REST does not register it for the native image: done here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record RefreshRequest(String refreshToken) {
    @Override
    public String toString() {
        return "RefreshRequest[]";
    }
}
