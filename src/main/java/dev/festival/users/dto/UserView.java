package dev.festival.users.dto;

import dev.festival.common.security.Role;
import dev.festival.users.User;
import dev.festival.users.UserStatus;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The API.md {@code user} object: never a password hash. */
public record UserView(UUID id, String email, String firstName, String lastName, String phone, String avatarUrl,
                       Role role, UserStatus status, boolean emailVerified, boolean twoFactorEnabled,
                       OffsetDateTime lastLoginAt, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    public static UserView of(User u) {
        return new UserView(u.id, u.email, u.firstName, u.lastName, u.phone, u.avatarUrl, u.role, u.status,
                u.emailVerified, u.twoFactorEnabled, u.lastLoginAt, u.createdAt, u.updatedAt);
    }
}
