package dev.festival.users;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.security.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import dev.festival.users.dto.Credentials;
import dev.festival.users.dto.UserView;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Accounts: the one owner of the {@code users} table. Other features (auth, festivals, ...)
 * read and create accounts through this service.
 */
@ApplicationScoped
public class UserService {

    /** What creating an account needs; the password is already hashed by the caller. */
    public record NewUser(String email, String passwordHash, String firstName, String lastName, String phone,
                          Role role, UserStatus status, boolean emailVerified) {}

    /** The account as API.md shows it, or null. */
    @WithSession
    public Uni<UserView> findById(UUID id) {
        return User.<User>findById(id).map(u -> u == null ? null : UserView.of(u));
    }

    /** The account as API.md shows it; 404 ERR_5001 when there is none. */
    @WithSession
    public Uni<UserView> require(UUID id) {
        return findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("User"));
    }

    /** Email is normalised here, so callers may pass it as typed. */
    @WithSession
    public Uni<UserView> findByEmail(String email) {
        return User.<User>find("email", Emails.normalize(email)).firstResult()
                .map(u -> u == null ? null : UserView.of(u));
    }

    /** Sign-in data for an email, or null when no such account exists. */
    @WithSession
    public Uni<Credentials> credentialsByEmail(String email) {
        return User.<User>find("email", Emails.normalize(email)).firstResult()
                .map(u -> u == null ? null : credentials(u));
    }

    @WithSession
    public Uni<Credentials> credentialsById(UUID id) {
        return User.<User>findById(id).map(u -> u == null ? null : credentials(u));
    }

    private static Credentials credentials(User u) {
        return new Credentials(u.id, u.email, u.passwordHash, u.role, u.status, u.twoFactorEnabled);
    }

    /** Creates an account; a duplicate email → 409 ERR_5002 (the unique index decides, not a pre-check). */
    @WithTransaction
    public Uni<UserView> create(NewUser n) {
        User u = new User();
        u.id = UUID.randomUUID();
        u.email = Emails.normalize(n.email());
        u.passwordHash = n.passwordHash();
        u.firstName = n.firstName().trim();
        u.lastName = n.lastName().trim();
        u.phone = n.phone();
        u.role = n.role() == null ? Role.USER : n.role();
        u.status = n.status() == null ? UserStatus.PENDING_VERIFICATION : n.status();
        u.emailVerified = n.emailVerified();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        u.createdAt = now;
        u.updatedAt = now;
        return u.<User>persistAndFlush()
                .map(UserView::of)
                .onFailure(UserService::isUniqueViolation)
                .transform(e -> new ApiException(ErrorCode.CONFLICT, "An account with this email already exists",
                        java.util.Map.of("field", "email")));
    }

    @WithTransaction
    public Uni<Void> recordLogin(UUID id) {
        return User.update("lastLoginAt = ?1 where id = ?2", OffsetDateTime.now(ZoneOffset.UTC), id)
                .replaceWithVoid();
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
