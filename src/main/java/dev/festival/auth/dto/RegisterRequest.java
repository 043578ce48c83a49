package dev.festival.auth.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.festival.users.Emails;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /api/auth/register. The email is normalised on arrival, so validation sees what is stored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank String password,
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @Size(max = 32) String phone) {
    public RegisterRequest {
        email = Emails.normalize(email);
        phone = phone == null || phone.isBlank() ? null : phone.trim();
    }

    /** Never log a password, even by accident. */
    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + "]";
    }
}
