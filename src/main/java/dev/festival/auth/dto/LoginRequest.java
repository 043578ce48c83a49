package dev.festival.auth.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.festival.users.Emails;
import jakarta.validation.constraints.NotBlank;

/** POST /api/auth/login. {@code rememberMe} and other extras are accepted and ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoginRequest(@NotBlank String email, @NotBlank String password, String totpCode) {
    public LoginRequest {
        email = Emails.normalize(email);
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
