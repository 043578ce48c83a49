package dev.festival.users.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** PATCH /api/users/:id/role (ADMIN). */
public record RoleChangeRequest(@NotBlank String role, @Size(max = 500) String reason) {
}
