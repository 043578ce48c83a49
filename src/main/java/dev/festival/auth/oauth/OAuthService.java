package dev.festival.auth.oauth;

import dev.festival.auth.AuthService;
import dev.festival.auth.PasswordHasher;
import dev.festival.auth.SessionService;
import dev.festival.auth.dto.AuthResponse;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.events.BusinessEvents;
import dev.festival.common.security.Role;
import dev.festival.users.UserService;
import dev.festival.users.UserStatus;
import dev.festival.users.dto.UserView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Social sign-in (API.md "Auth"): the OAuth 2.0 / OpenID Connect authorization-code flow with PKCE
 * (S256) and a single-use {@code state} kept in Redis and bound to the browser by an httpOnly cookie.
 * The account is the one holding the provider's verified email, created when there is none.
 * <p>
 * An existing account whose email was never verified is taken over by the provider's proof: its
 * password (possibly set by someone who registered the address first) stops working and its
 * sessions are revoked. An account with two-factor sign-in is not opened this way.
 */
@ApplicationScoped
public class OAuthService {
    private static final Logger LOG = Logger.getLogger(OAuthService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String REVOKE_REASON = "email-vouched-by-provider";

    /** Where to send the browser to sign in, and the state to bind to it. */
    public record Start(String location, String state) {}

    /** The end of a callback: signed in, or refused with a reason for the web app. */
    public sealed interface Outcome permits SignedIn, Refused {}

    public record SignedIn(AuthResponse answer) implements Outcome {}

    public record Refused(String reason) implements Outcome {}

    public record ProviderView(String name, boolean enabled, String url) {}

    @Inject
    OAuthConfig config;

    @Inject
    OAuthStateStore states;

    @Inject
    OAuthClient client;

    @Inject
    UserService users;

    @Inject
    AuthService auth;

    @Inject
    SessionService sessions;

    @Inject
    PasswordHasher hasher;

    @Inject
    BusinessEvents events;

    public List<ProviderView> providers() {
        List<ProviderView> out = new ArrayList<>();
        for (OAuthProvider p : OAuthProvider.values()) {
            out.add(new ProviderView(p.key(), registration(p) != null, base() + "/api/auth/" + p.key()));
        }
        return out;
    }

    /** The provider's registration, or null when it is not configured (its routes then answer 404). */
    public OAuthClient.Registration registration(OAuthProvider p) {
        OAuthConfig.Provider c = config.providers().get(p.key());
        if (c == null || blank(c.clientId()) || blank(c.clientSecret())) {
            return null;
        }
        return new OAuthClient.Registration(p, c.clientId().get().trim(), c.clientSecret().get().trim(),
                c.authorizationUri().orElse(p.authorizationUri), c.tokenUri().orElse(p.tokenUri),
                c.userInfoUri().orElse(p.userInfoUri), c.emailsUri().orElse(p.emailsUri),
                c.scopes().orElse(p.scopes));
    }

    public Uni<Start> start(OAuthClient.Registration r) {
        String state = random();
        String verifier = random();
        String url = r.authorizationUri() + (r.authorizationUri().contains("?") ? "&" : "?") + query(Map.of(
                "response_type", "code",
                "client_id", r.clientId(),
                "redirect_uri", redirectUri(r.provider()),
                "scope", String.join(" ", r.scopes()),
                "state", state,
                "code_challenge", challenge(verifier),
                "code_challenge_method", "S256"));
        return states.save(state, new OAuthStateStore.Pending(r.provider(), verifier), config.stateTtl())
                .replaceWith(new Start(url, state));
    }

    /**
     * Finishes a sign-in. A missing, unknown, expired, reused or foreign {@code state}, or one not
     * bound to this browser, is refused with 403 ERR_3004 (it is how a forged callback looks).
     */
    public Uni<Outcome> complete(OAuthClient.Registration r, String code, String state, String boundState,
                                 String providerError, AuthService.Client caller) {
        if (state == null || state.isBlank()) {
            return Uni.createFrom().failure(forged("missing state"));
        }
        return states.take(state).flatMap(pending -> {
            if (pending == null || pending.provider() != r.provider()) {
                return Uni.createFrom().failure(forged("unknown, expired or already used state"));
            }
            if (boundState == null || !MessageDigest.isEqual(boundState.getBytes(StandardCharsets.UTF_8),
                    state.getBytes(StandardCharsets.UTF_8))) {
                return Uni.createFrom().failure(forged("state not bound to this browser"));
            }
            if (providerError != null && !providerError.isBlank()) {
                return refused(r, "access_denied", providerError);
            }
            if (code == null || code.isBlank()) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.BAD_QUERY_PARAMETER,
                        "Missing authorization code", Map.of("fields", List.of(
                                new ApiException.FieldError("code", "is required")))));
            }
            return client.exchange(r, code, redirectUri(r.provider()), pending.verifier())
                    .flatMap(token -> client.profile(r, token))
                    .flatMap(profile -> signIn(r.provider(), profile, caller))
                    .onFailure(e -> !(e instanceof ApiException))
                    .recoverWithUni(e -> {
                        LOG.warnf("oauth %s: provider call failed (%s)", r.provider().key(), e.toString());
                        return refused(r, "provider_error", e.getClass().getSimpleName());
                    });
        });
    }

    private Uni<Outcome> signIn(OAuthProvider provider, OAuthProvider.Profile profile, AuthService.Client caller) {
        if (profile.email() == null || profile.email().isBlank() || !profile.emailVerified()) {
            events.record("oauth.rejected", "provider", provider.key(), "reason", "email-not-verified");
            return Uni.createFrom().item(new Refused("email_not_verified"));
        }
        String email = profile.email().trim().toLowerCase(Locale.ROOT);
        return users.findByEmail(email)
                .flatMap(user -> user != null ? Uni.createFrom().item(user) : create(provider, profile, email))
                .flatMap(user -> {
                    if (user.status() == null || !user.status().maySignIn()) {
                        events.record("oauth.rejected", "provider", provider.key(), "reason", "account-disabled",
                                "userId", user.id());
                        return Uni.createFrom().item(new Refused("account_disabled"));
                    }
                    if (user.twoFactorEnabled()) {
                        events.record("oauth.rejected", "provider", provider.key(), "reason", "two-factor",
                                "userId", user.id());
                        return Uni.createFrom().item(new Refused("two_factor_required"));
                    }
                    Uni<Void> claim = user.emailVerified() ? Uni.createFrom().voidItem() : claim(provider, user);
                    return claim.flatMap(v -> auth.signInVouched(user.id(), user.email(), user.role(), caller,
                                    "oauth:" + provider.key()))
                            .map(answer -> (Outcome) new SignedIn(answer));
                });
    }

    /** A first sign-in: an ACTIVE, verified USER account with an unusable random password. */
    private Uni<UserView> create(OAuthProvider provider, OAuthProvider.Profile profile, String email) {
        String first = profile.firstName() == null || profile.firstName().isBlank()
                ? email.substring(0, email.indexOf('@') < 0 ? email.length() : email.indexOf('@')) : profile.firstName();
        String last = profile.lastName() == null ? "" : profile.lastName();
        return hasher.hash(random())
                .flatMap(hash -> users.create(new UserService.NewUser(email, hash, first, last, null, Role.USER,
                        UserStatus.ACTIVE, true)))
                .invoke(u -> events.record("user.registered", "userId", u.id(), "via", "oauth:" + provider.key()))
                // two first sign-ins at once: the other one created it
                .onFailure(e -> e instanceof ApiException a && a.code() == ErrorCode.CONFLICT)
                .recoverWithUni(e -> users.findByEmail(email));
    }

    /** The provider proved the address: the account becomes verified and whatever password it had stops working. */
    private Uni<Void> claim(OAuthProvider provider, UserView user) {
        return hasher.hash(random())
                .flatMap(hash -> users.confirmEmailVouched(user.id(), hash))
                .flatMap(v -> sessions.revokeAll(user.id(), REVOKE_REASON))
                .invoke(revoked -> events.record("oauth.email_claimed", "provider", provider.key(), "userId", user.id(),
                        "revokedSessions", revoked))
                .replaceWithVoid();
    }

    private Uni<Outcome> refused(OAuthClient.Registration r, String reason, String detail) {
        events.record("oauth.rejected", "provider", r.provider().key(), "reason", reason, "detail", detail);
        return Uni.createFrom().item(new Refused(reason));
    }

    private ApiException forged(String why) {
        events.record("oauth.state_rejected", "reason", why.replace(' ', '-'));
        return new ApiException(ErrorCode.CSRF_REJECTED, "Sign-in refused: " + why);
    }

    public String redirectUri(OAuthProvider p) {
        return base() + "/api/auth/" + p.key() + "/callback";
    }

    public String appUrl() {
        return config.appUrl();
    }

    public String failureUrl(String reason) {
        String base = config.failureUrl().orElse(trimSlash(config.appUrl()) + "/login");
        return base + (base.contains("?") ? "&" : "?") + "error=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
    }

    private String base() {
        return trimSlash(config.publicUrl());
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private static boolean blank(Optional<String> value) {
        return value.isEmpty() || value.get().isBlank();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
