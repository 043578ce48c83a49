package dev.festival.common.security.ratelimit;

import dev.festival.common.error.ErrorResponses;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The headers of a limited endpoint: {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} (seconds until the window ends) on every answer, plus {@code Retry-After}
 * (seconds) on a 429.
 */
public class RateLimitHeaders {
    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, HttpServerRequest request) {
        Response response = ErrorResponses.response(e.code(), e.getMessage(), e.details(), request);
        RateLimiter.Decision d = e.decision();
        response.getHeaders().putSingle(RETRY_AFTER, String.valueOf(d.resetSeconds()));
        put(response.getHeaders(), d);
        return response;
    }

    static void put(MultivaluedMap<String, Object> headers, RateLimiter.Decision d) {
        if (d == null || !d.limited()) {
            return;
        }
        headers.putSingle(LIMIT, String.valueOf(d.limit()));
        headers.putSingle(REMAINING, String.valueOf(d.remaining()));
        headers.putSingle(RESET, String.valueOf(d.resetSeconds()));
    }
}
