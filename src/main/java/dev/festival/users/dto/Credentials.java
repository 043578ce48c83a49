package dev.festival.users.dto;

import dev.festival.common.security.Role;
import dev.festival.users.UserStatus;
import java.util.UUID;

/** What signing in needs to know about an account; only the auth feature asks for it. */
public record Credentials(UUID id, String email, String passwordHash, Role role, UserStatus status,
                         boolean twoFactorEnabled) {
}
