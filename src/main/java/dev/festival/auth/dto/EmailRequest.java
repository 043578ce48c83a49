package dev.festival.auth.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.festival.users.Emails;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /api/auth/forgot-password and /api/auth/resend-verification: {@code {email}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmailRequest(@NotBlank @Size(max = 254) String email) {
    public EmailRequest {
        email = Emails.normalize(email);
    }
}
