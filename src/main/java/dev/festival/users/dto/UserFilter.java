package dev.festival.users.dto;

import dev.festival.common.security.Role;
import dev.festival.users.UserStatus;
import java.util.UUID;

/** Filters of GET /api/users, already parsed; null means "no filter". */
public record UserFilter(String search, Role role, UserStatus status, String email, UUID festivalId) {
}
