package dev.festival.common.security.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A limit on an endpoint, counted in Redis across pods: {@code @RateLimit(limit = 10, window = "1m")}.
 * Over it the request is answered 429 ERR_1005 with Retry-After and X-RateLimit-* headers, before the
 * endpoint runs. Applied by {@link RateLimitFilter} while {@code festival.rate-limit.enabled} is on.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimit {
    /** What a request is counted against. */
    enum Per {
        /** The client address. */
        IP,
        /** The signed-in account (an API key counts for its creator); the address when anonymous. */
        USER
    }

    /** Requests allowed per window. */
    int limit();

    /** The window, as a duration ({@code 1m}, {@code 15m}, {@code 1h}, {@code PT30S}). */
    String window();

    Per[] per() default {Per.USER};

    /** The counter's name; defaults to the endpoint's class and method. */
    String name() default "";
}
