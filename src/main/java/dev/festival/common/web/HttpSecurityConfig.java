package dev.festival.common.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * {@code festival.http.*}: browser-facing security (BrowserSecurity). CORS is answered here rather
 * than by quarkus.http.cors, whose filter refuses every request from a foreign Origin with an empty
 * 403; API.md wants Bearer and API-key requests served whatever their Origin, and only
 * cookie-authenticated unsafe requests refused (403 ERR_3004).
 */
@ConfigMapping(prefix = "festival.http")
public interface HttpSecurityConfig {
    Cors cors();

    Hsts hsts();

    /** Content-Security-Policy of every answer but the Swagger page. */
    @WithDefault("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    String contentSecurityPolicy();

    /** Content-Security-Policy of the Swagger page (/api/docs): its scripts are files of this server, none inline. */
    @WithDefault("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    String docsContentSecurityPolicy();

    @WithDefault("no-referrer")
    String referrerPolicy();

    interface Cors {
        /**
         * Browser origins allowed to call the API with credentials (FESTIVAL_HTTP_CORS_ORIGINS,
         * comma-separated, exact {@code scheme://host[:port]}). The API's own origin is always allowed.
         */
        @WithDefault("http://localhost:3000,http://localhost:3001,http://localhost:4200,http://localhost:5173")
        List<String> origins();

        @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS")
        List<String> methods();

        /** Request headers a preflight may ask for; empty = whatever it asks. */
        @WithDefault("Authorization,Content-Type,Accept,Accept-Language,X-API-Key,api-key,Idempotency-Key,X-Request-Id")
        List<String> headers();

        @WithDefault("X-Request-Id,Retry-After,X-RateLimit-Limit,X-RateLimit-Remaining,X-RateLimit-Reset,Content-Disposition")
        List<String> exposedHeaders();

        @WithDefault("1h")
        Duration maxAge();
    }

    interface Hsts {
        /** Strict-Transport-Security on answers to https requests (directly or X-Forwarded-Proto: https). */
        @WithDefault("365D")
        Duration maxAge();

        @WithDefault("true")
        boolean includeSubdomains();
    }
}
