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
    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

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

    /** Outcome of {@link #createIfAbsent}: the account with that email, and whether this call created it. */
    public record EnsuredUser(UUID id, Role role, UserStatus status, boolean created) {}

    /**
     * Creates the account unless one with that email exists (INSERT ... ON CONFLICT DO NOTHING), so
     * several pods starting at once create it once. Answers the account, or null when another
     * transaction created it at the same instant. Runs on the reactive client, not Hibernate, so it
     * works at start-up outside a Vert.x context (the bootstrap admin).
     */
    public Uni<EnsuredUser> createIfAbsent(NewUser n) {
        String email = Emails.normalize(n.email());
        return pool.preparedQuery("""
                        WITH ins AS (
                            INSERT INTO users (id, email, password_hash, first_name, last_name, phone, role, status,
                                               email_verified)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                            ON CONFLICT (email) DO NOTHING
                            RETURNING id, role, status, true AS created)
                        SELECT id, role, status, created FROM ins
                        UNION ALL
                        SELECT id, role, status, false FROM users
                         WHERE email = $2 AND NOT EXISTS (SELECT 1 FROM ins)""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.from(new Object[] {UUID.randomUUID(), email,
                        n.passwordHash(), n.firstName().trim(), n.lastName().trim(), n.phone(),
                        (n.role() == null ? Role.USER : n.role()).name(),
                        (n.status() == null ? UserStatus.PENDING_VERIFICATION : n.status()).name(),
                        n.emailVerified()}))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    return new EnsuredUser(row.getUUID("id"), Role.parse(row.getString("role")),
                            UserStatus.parse(row.getString("status")), row.getBoolean("created"));
                });
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            // Hibernate Reactive wraps the driver error in a ConstraintViolationException over an SQLException
            if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
