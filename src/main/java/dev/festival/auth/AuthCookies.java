package dev.festival.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * The two token cookies of API.md "Auth". Written by hand rather than with NewCookie so that
 * every attribute (Max-Age, SameSite, Secure) is exactly what clients expect.
 */
@ApplicationScoped
public class AuthCookies {
    public static final String ACCESS = "access_token";
    public static final String REFRESH = "refresh_token";
    /** The refresh token only travels to the auth endpoints. */
    public static final String REFRESH_PATH = "/api/auth";

    @Inject
    AuthConfig config;

    /** Set-Cookie values for a freshly issued pair. */
    public List<String> issue(String accessToken, String refreshToken) {
        return List.of(cookie(ACCESS, accessToken, config.accessTokenTtl(), "/"),
                cookie(REFRESH, refreshToken, config.refreshTokenTtl(), REFRESH_PATH));
    }

    /** Set-Cookie values that delete both cookies (same name and Path, Max-Age=0). */
    public List<String> clear() {
        return List.of(cookie(ACCESS, "", Duration.ZERO, "/"), cookie(REFRESH, "", Duration.ZERO, REFRESH_PATH));
    }

    private String cookie(String name, String value, Duration maxAge, String path) {
        StringBuilder sb = new StringBuilder(name).append('=').append(value)
                .append("; Max-Age=").append(maxAge.toSeconds());
        if (maxAge.isZero()) {
            sb.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        }
        sb.append("; Path=").append(path).append("; HttpOnly; SameSite=Lax");
        if (config.cookieSecure()) {
            sb.append("; Secure");
        }
        return sb.toString();
    }
}
