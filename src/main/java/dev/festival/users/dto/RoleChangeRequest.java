package dev.festival.users.dto;

import dev.festival.common.security.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** PATCH /api/users/:id/role (ADMIN). */
public record RoleChangeRequest(@NotBlank @EnumName(Role.class) String role, @Size(max = 500) String reason) {
}
