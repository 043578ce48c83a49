package dev.festival.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Single-use tokens sent by email (verification, password reset). The token is 256 random bits;
 * only its SHA-256 is stored. Issuing a token retires the user's earlier unused ones of the same
 * purpose; consuming is one conditional UPDATE, so a token works exactly once, before it expires.
 */
@ApplicationScoped
public class EmailTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Purpose { VERIFY_EMAIL, RESET_PASSWORD }

    /** A token just issued for an account, with whom to send it to. */
    public record Issued(String token, AccountEmails.Recipient recipient) {}

    /** A consumed token: whose it was and the address it was sent to. */
    public record Consumed(UUID userId, String email) {}

    @Inject
    Pool pool;

    /**
     * Issues a token for the account with this email, if there is one that may sign in (and, for
     * a verification, whose address is not verified yet); null otherwise. One statement whether or
     * not the account exists, so the answer takes the same time either way (no account enumeration).
     */
    public Uni<Issued> issue(Purpose purpose, String email, Duration ttl) {
        String token = newToken();
        return pool.preparedQuery("""
                        WITH u AS (
                            SELECT id, email, first_name, language FROM users
                             WHERE email = $1 AND status IN ('ACTIVE', 'PENDING_VERIFICATION')
                               AND ($2 <> 'VERIFY_EMAIL' OR NOT email_verified)),
                        retired AS (
                            UPDATE email_tokens t SET used_at = now()
                              FROM u WHERE t.user_id = u.id AND t.purpose = $2 AND t.used_at IS NULL),
                        ins AS (
                            INSERT INTO email_tokens (id, user_id, purpose, token_hash, email, expires_at)
                            SELECT $3, u.id, $2, $4, u.email, now() + $5 * interval '1 millisecond' FROM u
                            RETURNING user_id)
                        SELECT u.id, u.email, u.first_name, u.language FROM u JOIN ins ON ins.user_id = u.id""")
                .execute(Tuple.from(new Object[] {email, purpose.name(), UUID.randomUUID(), TokenService.sha256(token),
                        (double) ttl.toMillis()}))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Issued(token, new AccountEmails.Recipient(r.getUUID("id"), r.getString("email"),
                            r.getString("first_name"), r.getString("language")));
                });
    }

    /** Uses the token up; null when it is unknown, already used, retired or expired. */
    public Uni<Consumed> consume(Purpose purpose, String token) {
        if (token == null || token.isBlank() || token.length() > 256) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("""
                        UPDATE email_tokens SET used_at = now()
                         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
                        RETURNING user_id, email""")
                .execute(Tuple.of(TokenService.sha256(token.trim()), purpose.name()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Consumed(r.getUUID("user_id"), r.getString("email"));
                });
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
