package dev.festival.users.dto;

import jakarta.validation.constraints.Size;

/**
 * PATCH /api/users/me: the caller's own profile. Other fields a client sends (role, status,
 * email, ...) are ignored like any unknown field; they are changed elsewhere.
 */
public record UpdateProfileRequest(
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 40) String phone,
        @Size(max = 2048) String avatarUrl) {
}
