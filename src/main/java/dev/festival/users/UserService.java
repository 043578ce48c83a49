package dev.festival.users;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
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
    public Uni<UserView> findById(UUID id) {
        return User.findById(pool, id).map(u -> u == null ? null : UserView.of(u));
    }

    /** The account as API.md shows it; 404 ERR_5001 when there is none. */
    public Uni<UserView> require(UUID id) {
        return findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("User"));
    }

    /** Email is normalised here, so callers may pass it as typed. */
    public Uni<UserView> findByEmail(String email) {
        return byEmail(email).map(u -> u == null ? null : UserView.of(u));
    }

    /** Sign-in data for an email, or null when no such account exists. */
    public Uni<Credentials> credentialsByEmail(String email) {
        return byEmail(email).map(u -> u == null ? null : credentials(u));
    }

    public Uni<Credentials> credentialsById(UUID id) {
        return User.findById(pool, id).map(u -> u == null ? null : credentials(u));
    }

    private Uni<User> byEmail(String email) {
        return pool.preparedQuery("SELECT " + User.COLUMNS + " FROM users WHERE email = $1")
                .execute(Tuple.of(Emails.normalize(email))).map(User::first);
    }

    private static Credentials credentials(User u) {
        return new Credentials(u.id, u.email, u.passwordHash, u.role, u.status, u.twoFactorEnabled);
    }

    /** Creates an account; a duplicate email → 409 ERR_5002 (the unique index decides, not a pre-check). */
    public Uni<UserView> create(NewUser n) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("""
                        INSERT INTO users (id, email, password_hash, first_name, last_name, phone, role, status,
                                           email_verified, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
                        RETURNING \s""" + User.COLUMNS)
                .execute(Tuple.from(new Object[] {UUID.randomUUID(), Emails.normalize(n.email()), n.passwordHash(),
                        n.firstName().trim(), n.lastName().trim(), n.phone(),
                        (n.role() == null ? Role.USER : n.role()).name(),
                        (n.status() == null ? UserStatus.PENDING_VERIFICATION : n.status()).name(),
                        n.emailVerified(), now}))
                .map(rows -> UserView.of(User.first(rows)))
                .onFailure(UserService::isUniqueViolation)
                .transform(e -> new ApiException(ErrorCode.CONFLICT, "An account with this email already exists",
                        java.util.Map.of("field", "email")));
    }

    // ---------------------------------------------------------------- account security (issue 9, part A)

    /** Replaces the password hash (change or reset; the caller revokes sessions as the rule says). */
    public Uni<Boolean> setPassword(UUID id, String passwordHash) {
        return pool.preparedQuery("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, passwordHash)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Marks the address verified when it is still the account's address (a link sent to an old
     * address proves nothing about the new one); a PENDING_VERIFICATION account becomes ACTIVE.
     */
    public Uni<Boolean> markEmailVerified(UUID id, String email) {
        return pool.preparedQuery("""
                        UPDATE users SET email_verified = true, updated_at = now(),
                               status = CASE WHEN status = 'PENDING_VERIFICATION' THEN 'ACTIVE' ELSE status END
                         WHERE id = $1 AND email = $2""")
                .execute(Tuple.of(id, Emails.normalize(email))).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> setTwoFactorEnabled(UUID id, boolean enabled) {
        return pool.preparedQuery("UPDATE users SET two_factor_enabled = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, enabled)).replaceWithVoid();
    }

    /** The language account emails are written in ({@code fr} unless the user chose another). */
    public Uni<Void> setLanguage(UUID id, String language) {
        return pool.preparedQuery("UPDATE users SET language = $2 WHERE id = $1")
                .execute(Tuple.of(id, language)).replaceWithVoid();
    }

    public Uni<Void> recordLogin(UUID id) {
        return pool.preparedQuery("UPDATE users SET last_login_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
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
                .execute(Tuple.from(new Object[] {UUID.randomUUID(), email,
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
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /**
     * A social provider vouched for the account's email (auth/oauth): it becomes verified (and ACTIVE
     * if it was waiting for that), and its password is replaced by {@code unusablePasswordHash}, since
     * whoever set it never proved they own the address. Only for a not yet verified account.
     */
    public Uni<Void> confirmEmailVouched(UUID id, String unusablePasswordHash) {
        return pool.preparedQuery("""
                        UPDATE users SET email_verified = true, password_hash = $2, updated_at = now(),
                               status = CASE WHEN status = 'PENDING_VERIFICATION' THEN 'ACTIVE' ELSE status END
                         WHERE id = $1 AND NOT email_verified""")
                .execute(Tuple.of(id, unusablePasswordHash)).replaceWithVoid();
    }
}
