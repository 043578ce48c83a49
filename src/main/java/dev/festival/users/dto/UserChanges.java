package dev.festival.users.dto;

import dev.festival.common.security.Role;
import dev.festival.users.UserStatus;

/** A partial update of an account, already parsed; null means "leave as is". */
public record UserChanges(String email, String firstName, String lastName, String phone, String avatarUrl,
                          Role role, UserStatus status) {
    public static UserChanges profile(UpdateProfileRequest r) {
        return new UserChanges(null, r.firstName(), r.lastName(), r.phone(), r.avatarUrl(), null, null);
    }
}
