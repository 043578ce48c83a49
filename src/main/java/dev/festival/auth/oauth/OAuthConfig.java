package dev.festival.auth.oauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code festival.oauth.*}: social sign-in. A provider is enabled when its client id and secret are
 * set ({@code FESTIVAL_OAUTH_PROVIDERS_GOOGLE_CLIENT_ID}, {@code …_CLIENT_SECRET}); its endpoints
 * default to the provider's public ones and can be overridden (tests point them at WireMock).
 */
@ConfigMapping(prefix = "festival.oauth")
public interface OAuthConfig {
    /** Where the browser lands after a successful sign-in (the web app). */
    @WithDefault("http://localhost:3000")
    String appUrl();

    /** Where it lands after a refused one, with {@code ?error=…}; default {@code <app-url>/login}. */
    Optional<String> failureUrl();

    /** The API's public base URL: the providers redirect to {@code <public-url>/api/auth/<provider>/callback}. */
    @WithDefault("http://localhost:3333")
    String publicUrl();

    /** How long a started sign-in may take (its state and PKCE verifier are kept this long, once). */
    @WithDefault("10m")
    Duration stateTtl();

    /** Each call to a provider. */
    @WithDefault("10s")
    Duration timeout();

    /** google, github, facebook → their client registration. */
    Map<String, Provider> providers();

    interface Provider {
        Optional<String> clientId();

        Optional<String> clientSecret();

        Optional<String> authorizationUri();

        Optional<String> tokenUri();

        Optional<String> userInfoUri();

        /** GitHub only: the account's addresses and whether each is verified. */
        Optional<String> emailsUri();

        Optional<List<String>> scopes();
    }
}
