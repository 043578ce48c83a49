package dev.festival.auth;

import dev.festival.common.audit.AuditLog;
import dev.festival.common.error.ApiException;
import dev.festival.users.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Email verification, forgotten and changed passwords (API.md "Auth"). Links carry single-use
 * tokens ({@link EmailTokens}); answers to anonymous callers never tell whether an account exists.
 */
@ApplicationScoped
public class AccountService {
    @Inject
    EmailTokens tokens;

    @Inject
    AccountEmails emails;

    @Inject
    AccountConfig config;

    @Inject
    UserService users;

    @Inject
    SessionService sessions;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditLog audit;

    /** After register: stores the user's language (when not the default) and sends the verification link. */
    public Uni<Void> welcome(UUID userId, String email, String language) {
        String lang = AccountEmails.language(language);
        Uni<Void> stored = AccountEmails.DEFAULT_LANGUAGE.equals(lang) ? Uni.createFrom().voidItem()
                : users.setLanguage(userId, lang);
        return stored.flatMap(v -> sendVerification(email));
    }

    /** POST /resend-verification: a new link when the account exists and is not verified; silent otherwise. */
    public Uni<Void> sendVerification(String email) {
        return tokens.issue(EmailTokens.Purpose.VERIFY_EMAIL, email, config.email().verificationTtl())
                .invoke(issued -> {
                    if (issued != null) {
                        emails.send(AccountEmails.Type.VERIFY_EMAIL, issued.recipient(), issued.token(),
                                config.email().verificationTtl());
                    }
                })
                .replaceWithVoid();
    }

    /** POST /verify-email: the address the link was sent to becomes verified (the account ACTIVE). */
    public Uni<Void> verifyEmail(String token) {
        return tokens.consume(EmailTokens.Purpose.VERIFY_EMAIL, token)
                .flatMap(used -> {
                    if (used == null) {
                        throw invalidToken();
                    }
                    return users.markEmailVerified(used.userId(), used.email()).map(ok -> {
                        if (!ok) {
                            // the account's address changed since the link was sent
                            throw invalidToken();
                        }
                        return used;
                    });
                })
                .flatMap(used -> audit.record(AuditLog.entry("email.verified").actor(used.userId())
                        .user(used.userId())));
    }

    /**
     * POST /forgot-password: the same answer, after the same single statement, whether or not the
     * account exists; the email and the audit row are written in the background.
     */
    public Uni<Void> forgotPassword(String email) {
        return tokens.issue(EmailTokens.Purpose.RESET_PASSWORD, email, config.email().resetTtl())
                .invoke(issued -> {
                    if (issued != null) {
                        emails.send(AccountEmails.Type.PASSWORD_RESET, issued.recipient(), issued.token(),
                                config.email().resetTtl());
                        audit.record(AuditLog.entry("password.reset_requested").user(issued.recipient().userId()))
                                .subscribe().with(v -> { });
                    }
                })
                .replaceWithVoid();
    }

    /** POST /reset-password: a strong new password, the token used up, every session revoked. */
    public Uni<Void> resetPassword(String token, String newPassword) {
        PasswordPolicy.require("newPassword", newPassword);
        return hasher.hash(newPassword)
                .flatMap(hash -> tokens.consume(EmailTokens.Purpose.RESET_PASSWORD, token).flatMap(used -> {
                    if (used == null) {
                        throw invalidToken();
                    }
                    return users.setPassword(used.userId(), hash).replaceWith(used.userId());
                }))
                .call(userId -> sessions.revokeAll(userId, "password reset", userId))
                .flatMap(userId -> audit.record(AuditLog.entry("password.reset").actor(userId).user(userId)));
    }

    /**
     * POST /change-password: the current password proves the caller; every other session is
     * revoked, the caller's ({@code keepSession}) stays signed in.
     */
    public Uni<Void> changePassword(UUID userId, UUID keepSession, String current, String next, String confirm) {
        if (confirm != null && !confirm.equals(next)) {
            throw ApiException.invalidField("confirmPassword", "must match newPassword");
        }
        PasswordPolicy.require("newPassword", next);
        if (next.equals(current)) {
            throw ApiException.invalidField("newPassword", "must differ from the current password");
        }
        return users.credentialsById(userId)
                .flatMap(c -> hasher.verify(current, c == null ? null : c.passwordHash()))
                .flatMap(matches -> {
                    if (!matches) {
                        return audit.record(AuditLog.entry("password.change_failed").failed().actor(userId)
                                        .user(userId).detail("reason", "wrong-current-password"))
                                .onItem().failWith(() -> ApiException.invalidField("currentPassword", "is incorrect"));
                    }
                    return hasher.hash(next).flatMap(hash -> users.setPassword(userId, hash)).replaceWithVoid();
                })
                .call(() -> sessions.revokeAllExcept(userId, keepSession, "password changed"))
                .flatMap(v -> audit.record(AuditLog.entry("password.changed").actor(userId).user(userId)));
    }

    private static ApiException invalidToken() {
        return ApiException.invalidField("token", "is invalid, already used or expired");
    }
}
