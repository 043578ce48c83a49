package dev.festival.common.security;

import io.vertx.core.http.HttpServerRequest;

/**
 * Where a request carries an API key (API.md "API keys"): {@code X-API-Key}, {@code api-key}, or
 * {@code Authorization: Bearer fst_…} (a Bearer value with the key prefix is never a JWT).
 */
public final class ApiKeyHeaders {
    /** Every platform API key starts with this, so it is recognisable in logs and secret scanners. */
    public static final String PREFIX = "fst_";
    public static final String X_API_KEY = "X-API-Key";
    public static final String API_KEY = "api-key";
    private static final String BEARER = "Bearer ";

    private ApiKeyHeaders() {
    }

    /** The presented key, or null when the request carries none. */
    public static String from(HttpServerRequest request) {
        String key = request.getHeader(X_API_KEY);
        if (key == null || key.isBlank()) {
            key = request.getHeader(API_KEY);
        }
        if (key == null || key.isBlank()) {
            String auth = request.getHeader("Authorization");
            if (auth != null && auth.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                String token = auth.substring(BEARER.length()).trim();
                key = token.startsWith(PREFIX) ? token : null;
            }
        }
        return key == null || key.isBlank() ? null : key.trim();
    }

    public static boolean present(HttpServerRequest request) {
        return from(request) != null;
    }
}
