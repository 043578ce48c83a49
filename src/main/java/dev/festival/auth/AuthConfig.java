package dev.festival.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code festival.auth.*}: token lifetimes, refresh-token reuse grace, cookie and bcrypt settings. */
@ConfigMapping(prefix = "festival.auth")
public interface AuthConfig {
    /** Lifetime of an access token and of the access_token cookie. */
    @WithDefault("15M")
    Duration accessTokenTtl();

    /** Lifetime of a refresh token, of its session (sliding) and of the refresh_token cookie. */
    @WithDefault("7D")
    Duration refreshTokenTtl();

    /**
     * How long a rotated refresh token may still be exchanged (two tabs, a retried request);
     * presented later, it is taken as stolen and its whole session is revoked.
     */
    @WithDefault("60s")
    Duration refreshReuseGrace();

    /** Secure flag on the cookies; off only for plain-http development. */
    @WithDefault("true")
    boolean cookieSecure();

    /** bcrypt cost (log2 rounds): 10 in production, 4 in tests to keep them fast. */
    @WithDefault("10")
    int bcryptCost();
}
