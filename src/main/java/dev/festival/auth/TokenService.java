package dev.festival.auth;

import dev.festival.common.security.CurrentUser;
import dev.festival.common.security.Role;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Mints and reads the platform's JWTs (RS256, keys from smallrye-jwt's configuration).
 * Access and refresh tokens carry different audiences: the verifier of access tokens
 * (mp.jwt.verify.audiences) only accepts {@link #ACCESS_AUDIENCE}, so a refresh token can never
 * authenticate a request, and {@link #readRefresh} only accepts {@link #REFRESH_AUDIENCE}.
 * Every token carries a random jti, so two tokens minted in the same millisecond differ.
 */
@ApplicationScoped
public class TokenService {
    public static final String ACCESS_AUDIENCE = "festival-api";
    public static final String REFRESH_AUDIENCE = "festival-refresh";
    public static final String TYPE_CLAIM = "typ";
    public static final String REFRESH_TYPE = "refresh";

    /** A freshly minted refresh token: the JWT for the client, its id and hash for the database. */
    public record Refresh(UUID id, String token, String hash, Instant expiresAt) {}

    /** What the client receives; {@code expiresIn} is the access token's lifetime in seconds. */
    public record Issued(String accessToken, long expiresIn, Refresh refresh) {}

    /** The verified content of a refresh token the client presented. */
    public record PresentedRefresh(UUID userId, UUID sessionId, String hash) {}

    @Inject
    AuthConfig config;

    @Inject
    JWTParser parser;

    @Inject
    JWTAuthContextInfo verification;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    private JWTAuthContextInfo refreshVerification;

    @PostConstruct
    void init() {
        refreshVerification = new JWTAuthContextInfo(verification);
        refreshVerification.setExpectedAudience(Set.of(REFRESH_AUDIENCE));
    }

    /** Signs an access token and a refresh token for one session. CPU-bound: call on a worker thread. */
    public Issued issue(UUID userId, String email, Role role, UUID sessionId) {
        Instant now = Instant.now();
        String access = Jwt.issuer(issuer)
                .audience(ACCESS_AUDIENCE)
                .subject(userId.toString())
                .upn(userId.toString())
                .claim("email", email)
                .groups(Set.of(role.name()))
                .claim(CurrentUser.SESSION_CLAIM, sessionId.toString())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenTtl()))
                .sign();
        return new Issued(access, config.accessTokenTtl().toSeconds(), refresh(userId, sessionId, now));
    }

    private Refresh refresh(UUID userId, UUID sessionId, Instant now) {
        UUID id = UUID.randomUUID();
        Instant expiresAt = now.plus(config.refreshTokenTtl());
        String token = Jwt.issuer(issuer)
                .audience(REFRESH_AUDIENCE)
                .subject(userId.toString())
                .claim(TYPE_CLAIM, REFRESH_TYPE)
                .claim(CurrentUser.SESSION_CLAIM, sessionId.toString())
                .claim("jti", id.toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .sign();
        return new Refresh(id, token, sha256(token), expiresAt);
    }

    /**
     * Checks signature, issuer, audience, type and expiry of a presented refresh token; null when
     * any fails. Whether it is still live (not rotated, session not revoked) is the database's call.
     */
    public PresentedRefresh readRefresh(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            JsonWebToken jwt = parser.parse(token.trim(), refreshVerification);
            Object type = jwt.getClaim(TYPE_CLAIM);
            Object sid = jwt.getClaim(CurrentUser.SESSION_CLAIM);
            if (type == null || !REFRESH_TYPE.equals(unquote(type)) || sid == null || jwt.getSubject() == null) {
                return null;
            }
            return new PresentedRefresh(UUID.fromString(jwt.getSubject()), UUID.fromString(unquote(sid)),
                    sha256(token.trim()));
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Refresh tokens are stored only as this hash: a database leak yields no usable token. */
    static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String unquote(Object claim) {
        return claim.toString().replace("\"", "");
    }
}
