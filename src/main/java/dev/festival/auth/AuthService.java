package dev.festival.auth;

import dev.festival.auth.dto.AuthResponse;
import dev.festival.auth.dto.LoginRequest;
import dev.festival.auth.dto.RegisterRequest;
import dev.festival.auth.dto.TokenResponse;
import dev.festival.common.audit.AuditLog;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.security.Role;
import dev.festival.users.UserService;
import dev.festival.users.UserStatus;
import dev.festival.users.dto.Credentials;
import dev.festival.users.dto.UserView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import dev.festival.common.events.BusinessEvents;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sign-up, sign-in, token refresh and sign-out. Accounts live in the users feature (reached
 * through {@link UserService}); sessions and refresh tokens in {@link SessionService}.
 */
@ApplicationScoped
public class AuthService {
    private static final Logger LOG = Logger.getLogger(AuthService.class);

    /** Who is signing in from where; stored on the session for the user's device list. */
    public record Client(String userAgent, String ipAddress) {}

    @Inject
    BusinessEvents events;

    @Inject
    UserService users;

    @Inject
    SessionService sessions;

    @Inject
    TokenService tokens;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuthConfig config;

    @Inject
    Vertx vertx;

    @Inject
    AccountService accounts;

    @Inject
    TwoFactorService twoFactor;

    @Inject
    AccountConfig accountConfig;

    @Inject
    AuditLog audit;

    /** Creates a PENDING_VERIFICATION account and signs it in (login is allowed before verification). */
    public Uni<AuthResponse> register(RegisterRequest req, Client client) {
        return register(req, client, null);
    }

    /**
     * As {@link #register(RegisterRequest, Client)}, and sends the verification email in
     * {@code language} (stored as the user's language for later account emails).
     */
    public Uni<AuthResponse> register(RegisterRequest req, Client client, String language) {
        PasswordPolicy.require("password", req.password());
        return hasher.hash(req.password())
                .flatMap(hash -> users.create(new UserService.NewUser(req.email(), hash, req.firstName(),
                        req.lastName(), req.phone(), Role.USER, UserStatus.PENDING_VERIFICATION, false)))
                .invoke(user -> events.record("user.registered", "userId", user.id()))
                .call(user -> accounts.welcome(user.id(), user.email(), language))
                .flatMap(user -> signIn(user.id(), user.email(), user.role(), client, "register"));
    }

    /**
     * Checks the credentials; an unknown email costs the same bcrypt comparison as a wrong
     * password, and both answer 401 ERR_2001. A disabled account is only revealed to whoever
     * knows its password (403 ERR_2005).
     */
    public Uni<AuthResponse> login(LoginRequest req, Client client) {
        return users.credentialsByEmail(req.email())
                .flatMap(found -> hasher.verify(req.password(), found == null ? null : found.passwordHash())
                        .map(matches -> new Checked(found, matches)))
                .flatMap(checked -> {
                    Credentials c = checked.credentials();
                    if (c == null || !checked.matches()) {
                        events.record("login.rejected", "reason", "invalid-credentials");
                        // the audit row names the account when it exists; the answer never does
                        return loginFailed(c == null ? null : c.id(), req.email(), "invalid-credentials",
                                new ApiException(ErrorCode.INVALID_CREDENTIALS));
                    }
                    if (c.status() == null || !c.status().maySignIn()) {
                        events.record("login.rejected", "reason", "account-disabled", "userId", c.id(), "status", c.status());
                        return loginFailed(c.id(), c.email(), "account-disabled", new ApiException(
                                ErrorCode.ACCOUNT_DISABLED,
                                "Account is " + (c.status() == null ? "disabled" : c.status().name().toLowerCase())));
                    }
                    if (c.twoFactorEnabled()) {
                        return secondFactor(c, req.totpCode()).flatMap(v -> signIn(c, client, "login"));
                    }
                    return signIn(c, client, "login");
                });
    }

    private record Checked(Credentials credentials, boolean matches) {}

    /** ERR_2006 without a code, ERR_2007 with a wrong or used one; a recovery code works once in its place. */
    private Uni<Void> secondFactor(Credentials c, String code) {
        if (code == null || code.isBlank()) {
            events.record("login.rejected", "reason", "two-factor-required", "userId", c.id());
            return loginFailed(c.id(), c.email(), "two-factor-required",
                    new ApiException(ErrorCode.TWO_FACTOR_REQUIRED));
        }
        return twoFactor.checkAtSignIn(c.id(), code).flatMap(ok -> {
            if (!ok) {
                events.record("login.rejected", "reason", "two-factor-invalid", "userId", c.id());
                return loginFailed(c.id(), c.email(), "two-factor-invalid",
                        new ApiException(ErrorCode.TWO_FACTOR_INVALID));
            }
            return Uni.createFrom().voidItem();
        });
    }

    private <T> Uni<T> loginFailed(UUID userId, String email, String reason, ApiException error) {
        return audit.record(AuditLog.entry("login.failed").failed().user(userId)
                        .detail("email", email).detail("reason", reason))
                .onItem().transformToUni(v -> Uni.createFrom().failure(error));
    }

    private Uni<AuthResponse> signIn(Credentials c, Client client, String event) {
        return signIn(c.id(), c.email(), tokenRole(c.role(), c.twoFactorEnabled()), client, event);
    }

    /**
     * The role an access token carries: the account's, except an ADMIN without two-factor while
     * {@code festival.account.two-factor.required-for-admin} is on, who gets USER rights (enough to
     * set two-factor up) until they enable it and sign in again.
     */
    Role tokenRole(Role role, boolean twoFactorEnabled) {
        if (role == Role.ADMIN && !twoFactorEnabled && accountConfig.twoFactor().requiredForAdmin()) {
            LOG.warnf("security admin signed in without two-factor: USER rights until it is enabled");
            return Role.USER;
        }
        return role;
    }

    /**
     * Signs in an account whose email a social provider vouched for (auth/oauth): the same session,
     * tokens and events as a password sign-in, without the password.
     */
    public Uni<AuthResponse> signInVouched(UUID userId, String email, Role role, Client client, String via) {
        // two-factor accounts are refused before this (OAuthService); an ADMIN still needs it when required
        return signIn(userId, email, tokenRole(role, false), client, via);
    }

    /** Opens a session, mints its tokens and answers the auth answer with the fresh user view. */
    private Uni<AuthResponse> signIn(UUID userId, String email, Role role, Client client, String event) {
        UUID sessionId = UUID.randomUUID();
        return onWorker(() -> tokens.issue(userId, email, role, sessionId))
                .flatMap(issued -> sessions.open(sessionId, userId, issued.refresh(), client.userAgent(),
                                client.ipAddress())
                        .replaceWith(issued))
                .flatMap(issued -> users.recordLogin(userId).replaceWith(issued))
                .flatMap(issued -> users.require(userId).map(user -> {
                    events.record("login", "userId", userId, "sessionId", sessionId, "via", event);
                    return AuthResponse.of(user, tokenResponse(issued));
                }))
                .call(answer -> audit.record(AuditLog.entry("login").actor(userId).user(userId)
                        .detail("sessionId", sessionId).detail("via", event)
                        .detail("role", role == answer.user().role() ? null : "narrowed-to-" + role)));
    }

    /**
     * Exchanges a refresh token for a new pair in the same session (rotation). The database
     * decides, under lock, whether the presented token is live, a reuse within the grace period,
     * or a reuse after it (the session is then revoked).
     */
    public Uni<TokenResponse> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Uni.createFrom().failure(ApiException.invalidField("refreshToken", "must not be blank"));
        }
        TokenService.PresentedRefresh presented = tokens.readRefresh(refreshToken);
        if (presented == null) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.REFRESH_TOKEN_INVALID));
        }
        return users.credentialsById(presented.userId())
                .flatMap(c -> {
                    if (c == null || c.status() == null || !c.status().maySignIn()) {
                        return Uni.createFrom().failure(new ApiException(ErrorCode.REFRESH_TOKEN_INVALID));
                    }
                    return rotate(presented, c);
                });
    }

    private Uni<TokenResponse> rotate(TokenService.PresentedRefresh presented, Credentials c) {
        return onWorker(() -> tokens.issue(c.id(), c.email(), tokenRole(c.role(), c.twoFactorEnabled()),
                        presented.sessionId()))
                .flatMap(issued -> sessions.rotate(presented, issued.refresh(), config.refreshReuseGrace())
                        .call(outcome -> outcome != SessionService.Rotation.REUSE_DETECTED
                                ? Uni.createFrom().voidItem()
                                : sessions.revokedBySql(c.id(), presented.sessionId(), SessionService.REUSE_REASON)
                                        .call(() -> audit.record(AuditLog.entry("refresh_token.reuse_detected")
                                                .failed().user(c.id()).detail("sessionId", presented.sessionId()))))
                        .map(outcome -> switch (outcome) {
                            case ROTATED, REUSED_WITHIN_GRACE -> {
                                if (outcome == SessionService.Rotation.REUSED_WITHIN_GRACE) {
                                    LOG.infof("token.refreshed reuse=within-grace userId=%s sessionId=%s",
                                            c.id(), presented.sessionId());
                                }
                                yield tokenResponse(issued);
                            }
                            case REUSE_DETECTED -> {
                                LOG.warnf("security refresh-token reuse after grace: session revoked userId=%s"
                                        + " sessionId=%s", c.id(), presented.sessionId());
                                events.record("refresh_token.reuse_detected", "userId", c.id(),
                                        "sessionId", presented.sessionId());
                                throw new ApiException(ErrorCode.REFRESH_TOKEN_INVALID);
                            }
                            case INVALID -> throw new ApiException(ErrorCode.REFRESH_TOKEN_INVALID);
                        }));
    }

    /** Signs the user out everywhere: every session is revoked, so no refresh token works any more. */
    public Uni<Integer> logout(UUID userId) {
        return sessions.revokeAll(userId, "logout", userId)
                .invoke(count -> events.record("logout", "userId", userId, "revokedSessions", count));
    }

    /** The signed-in user's account; a token whose account is gone is no longer valid. */
    public Uni<UserView> me(UUID userId) {
        return users.findById(userId)
                .onItem().ifNull().failWith(() -> new ApiException(ErrorCode.TOKEN_INVALID));
    }

    private static TokenResponse tokenResponse(TokenService.Issued issued) {
        return TokenResponse.bearer(issued.accessToken(), issued.refresh().token(), issued.expiresIn());
    }

    /** RSA signing is CPU work: keep it off the event loop, answer on the caller's context. */
    private <T> Uni<T> onWorker(java.util.function.Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
