package dev.festival.payments;

import dev.festival.common.security.CurrentUser;
import java.util.UUID;

/**
 * Who calls, captured on the request thread: Stripe calls hop to worker threads where the request
 * scope is not available.
 */
public record Caller(UUID id, boolean admin) {
    public static Caller of(CurrentUser user) {
        return new Caller(user.id(), user.isAdmin());
    }
}
