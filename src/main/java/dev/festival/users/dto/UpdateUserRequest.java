package dev.festival.users.dto;

import dev.festival.common.security.Role;
import dev.festival.users.Emails;
import dev.festival.users.UserStatus;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * PUT|PATCH /api/users/:id: every field optional (partial update). {@code role} and {@code status}
 * only for an ADMIN; strings so that any letter case is accepted.
 */
public record UpdateUserRequest(
        @Email @Size(max = 254) String email,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 40) String phone,
        @Size(max = 2048) String avatarUrl,
        @EnumName(Role.class) String role,
        @EnumName(UserStatus.class) String status) {
    public UpdateUserRequest {
        email = Emails.normalize(email);
    }
}
