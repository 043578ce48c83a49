package dev.festival.users.dto;

import dev.festival.common.security.Role;
import dev.festival.users.Emails;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /api/users (ADMIN). {@code role} is a string so that any letter case is accepted; default USER. */
public record CreateUserRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @StrongPassword String password,
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @Size(max = 40) String phone,
        @EnumName(Role.class) String role) {
    public CreateUserRequest {
        // Normalised on arrival, so validation sees what is stored (" A@B.test " is a fine address).
        email = Emails.normalize(email);
    }

    /** Never log a password, even by accident. */
    @Override
    public String toString() {
        return "CreateUserRequest[email=" + email + ", role=" + role + "]";
    }
}
