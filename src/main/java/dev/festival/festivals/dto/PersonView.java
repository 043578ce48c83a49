package dev.festival.festivals.dto;

import dev.festival.users.dto.UserView;
import java.util.UUID;

/** The short user object festivals embed ({@code organizer}, a member's {@code user}). */
public record PersonView(UUID id, String firstName, String lastName, String email) {
    public static PersonView of(UserView u) {
        return u == null ? null : new PersonView(u.id(), u.firstName(), u.lastName(), u.email());
    }
}
