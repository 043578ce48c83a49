package dev.festival.auth;

import dev.festival.common.audit.AuditLog;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.tickets.signing.QrImages;
import dev.festival.users.UserService;
import dev.festival.users.dto.UserView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * TOTP two-factor authentication (API.md "Auth", RFC 6238): setup stores a new secret, enable
 * proves the authenticator has it and hands out recovery codes, sign-in then needs a code.
 * <ul>
 *   <li>A code is accepted once: the step it matched is stored, and only a later step is
 *       accepted next (one conditional UPDATE, so two requests racing with one code cannot both
 *       pass).</li>
 *   <li>Recovery codes are 80-bit random, stored as SHA-256, each consumed by one conditional
 *       UPDATE (works once).</li>
 * </ul>
 */
@ApplicationScoped
public class TwoFactorService {
    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What setup answers: the secret (also as the manual entry key), the otpauth URL and its QR code. */
    public record Setup(String secret, String otpauthUrl, String qrCode, String manualEntryKey) {}

    @Inject
    Pool pool;

    @Inject
    UserService users;

    @Inject
    AccountConfig config;

    @Inject
    AuditLog audit;

    @Inject
    TotpSecrets secrets;

    Clock clock = Clock.systemUTC();

    public Uni<Boolean> isEnabled(UUID userId) {
        return pool.preparedQuery("SELECT enabled_at IS NOT NULL AS enabled FROM user_totp WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("enabled"));
    }

    /**
     * Stores a new secret, not yet in force. Needs a verified email address (the account's way
     * back in); 409 ERR_5009 while two-factor is already enabled (disable it first).
     */
    public Uni<Setup> setup(UUID userId) {
        return users.require(userId).flatMap(user -> {
            requireVerifiedEmail(user);
            String secret = Totp.newSecret();
            return pool.preparedQuery("""
                            INSERT INTO user_totp (user_id, secret) VALUES ($1, $2)
                            ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, last_step = NULL,
                                                               updated_at = now()
                             WHERE user_totp.enabled_at IS NULL
                            RETURNING user_id""")
                    .execute(Tuple.of(userId, secrets.seal(userId, secret)))
                    .map(rows -> {
                        if (rows.rowCount() == 0) {
                            throw alreadyEnabled();
                        }
                        String url = Totp.otpauthUrl(config.twoFactor().issuer(), user.email(), secret);
                        return new Setup(secret, url, QrImages.dataUrl(url), spaced(secret));
                    });
        }).call(setup -> audit.record(AuditLog.entry("2fa.setup").actor(userId).user(userId)));
    }

    /**
     * Turns two-factor on with a code from the new secret; answers the recovery codes (shown once).
     * A wrong code → 400 ERR_4001 on {@code code} (the caller's session is fine, so no 401).
     */
    public Uni<List<String>> enable(UUID userId, String code) {
        List<String> codes = newRecoveryCodes();
        return pool.withTransaction(conn -> conn.preparedQuery(
                                "SELECT secret, enabled_at IS NOT NULL AS enabled FROM user_totp WHERE user_id = $1"
                                        + " FOR UPDATE")
                        .execute(Tuple.of(userId))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                                        "Call POST /api/auth/2fa/setup first");
                            }
                            Row row = rows.iterator().next();
                            if (row.getBoolean("enabled")) {
                                throw alreadyEnabled();
                            }
                            OptionalLong step = Totp.matchingStep(secrets.open(userId, row.getString("secret")),
                                    code, nowStep());
                            if (step.isEmpty()) {
                                throw invalidCode();
                            }
                            return conn.preparedQuery("""
                                            UPDATE user_totp SET enabled_at = now(), last_step = $2, updated_at = now()
                                             WHERE user_id = $1""")
                                    .execute(Tuple.of(userId, step.getAsLong()))
                                    .flatMap(ignored -> replaceRecoveryCodes(conn, userId, codes));
                        }))
                .call(() -> users.setTwoFactorEnabled(userId, true))
                .call(() -> audit.record(AuditLog.entry("2fa.enabled").actor(userId).user(userId)))
                .replaceWith(codes);
    }

    /** True when the code is the current one (±1 step) and was not used before; it is then used up. */
    public Uni<Boolean> verify(UUID userId, String code) {
        return secretIfEnabled(userId).flatMap(secret -> secret == null ? Uni.createFrom().item(false)
                : consumeTotp(userId, secret, code));
    }

    /** Turns two-factor off; needs a valid code or an unused recovery code (else 400 ERR_4001). */
    public Uni<Void> disable(UUID userId, String code) {
        return secretIfEnabled(userId).flatMap(secret -> {
                    if (secret == null) {
                        throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                                "Two-factor authentication is not enabled");
                    }
                    return acceptCode(userId, secret, code);
                })
                .flatMap(ok -> {
                    if (!ok) {
                        throw invalidCode();
                    }
                    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM user_totp WHERE user_id = $1")
                            .execute(Tuple.of(userId))
                            .flatMap(i -> conn.preparedQuery("DELETE FROM recovery_codes WHERE user_id = $1")
                                    .execute(Tuple.of(userId))).replaceWithVoid());
                })
                .call(() -> users.setTwoFactorEnabled(userId, false))
                .call(() -> audit.record(AuditLog.entry("2fa.disabled").actor(userId).user(userId)));
    }

    /**
     * The second factor at sign-in: a current TOTP code, or an unused recovery code (consumed and
     * audited). False when neither.
     */
    public Uni<Boolean> checkAtSignIn(UUID userId, String code) {
        return secretIfEnabled(userId).flatMap(secret -> secret == null ? Uni.createFrom().item(false)
                : acceptCode(userId, secret, code));
    }

    private Uni<Boolean> acceptCode(UUID userId, String secret, String code) {
        if (code != null && isTotpShaped(code)) {
            return consumeTotp(userId, secret, code);
        }
        return consumeRecoveryCode(userId, code);
    }

    /** {@code stored}: the column's value (sealed or plain), also the guard of the UPDATE. */
    private Uni<Boolean> consumeTotp(UUID userId, String stored, String code) {
        OptionalLong step = Totp.matchingStep(secrets.open(userId, stored), code, nowStep());
        if (step.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("""
                        UPDATE user_totp SET last_step = $2, updated_at = now()
                         WHERE user_id = $1 AND enabled_at IS NOT NULL AND secret = $3
                           AND (last_step IS NULL OR last_step < $2)""")
                .execute(Tuple.of(userId, step.getAsLong(), stored))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<Boolean> consumeRecoveryCode(UUID userId, String code) {
        String normalized = normalizeRecoveryCode(code);
        if (normalized == null) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("""
                        UPDATE recovery_codes SET used_at = now()
                         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL
                        RETURNING (SELECT count(*) FROM recovery_codes r
                                    WHERE r.user_id = $1 AND r.used_at IS NULL) - 1 AS remaining""")
                .execute(Tuple.of(userId, TokenService.sha256(normalized)))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    long remaining = rows.iterator().next().getLong("remaining");
                    return audit.record(AuditLog.entry("2fa.recovery_code_used").actor(userId).user(userId)
                            .detail("remaining", remaining)).replaceWith(true);
                });
    }

    private Uni<String> secretIfEnabled(UUID userId) {
        return pool.preparedQuery("SELECT secret FROM user_totp WHERE user_id = $1 AND enabled_at IS NOT NULL")
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("secret"));
    }

    private static Uni<Void> replaceRecoveryCodes(SqlClient conn, UUID userId, List<String> codes) {
        List<Tuple> rows = new ArrayList<>(codes.size());
        for (String c : codes) {
            rows.add(Tuple.of(UUID.randomUUID(), userId, TokenService.sha256(normalizeRecoveryCode(c))));
        }
        return conn.preparedQuery("DELETE FROM recovery_codes WHERE user_id = $1").execute(Tuple.of(userId))
                .flatMap(i -> conn.preparedQuery(
                                "INSERT INTO recovery_codes (id, user_id, code_hash) VALUES ($1, $2, $3)")
                        .executeBatch(rows))
                .replaceWithVoid();
    }

    /** {@code xxxx-xxxx-xxxx-xxxx}: 16 base32 characters, 80 random bits. */
    static List<String> newRecoveryCodes() {
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[10];
            RANDOM.nextBytes(bytes);
            String s = Totp.base32(bytes).toLowerCase(Locale.ROOT);
            codes.add(s.substring(0, 4) + "-" + s.substring(4, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12));
        }
        return codes;
    }

    /** Lower case without dashes or spaces; null unless 16 base32 characters. */
    static String normalizeRecoveryCode(String code) {
        if (code == null) {
            return null;
        }
        String c = code.replace("-", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
        return c.matches("[a-z2-7]{16}") ? c : null;
    }

    static boolean isTotpShaped(String code) {
        return code.replace(" ", "").trim().matches("\\d{" + Totp.DIGITS + "}");
    }

    private long nowStep() {
        return Totp.step(clock.instant());
    }

    /** "ABCD EFGH …": easier to type from the screen. */
    private static String spaced(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    /** 2FA needs a proven email address: it is how a locked-out user gets back in. */
    static void requireVerifiedEmail(UserView user) {
        if (!user.emailVerified()) {
            throw new ApiException(ErrorCode.EMAIL_NOT_VERIFIED,
                    "Verify your email address before enabling two-factor authentication",
                    Map.of("feature", "two-factor", "emailVerified", false));
        }
    }

    private static ApiException alreadyEnabled() {
        return new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                "Two-factor authentication is already enabled; disable it first");
    }

    private static ApiException invalidCode() {
        return ApiException.invalidField("code", "is not a valid two-factor code");
    }
}
