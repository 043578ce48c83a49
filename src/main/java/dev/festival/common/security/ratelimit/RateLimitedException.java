package dev.festival.common.security.ratelimit;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import java.util.Map;

/** 429 ERR_1005; its mapper adds Retry-After and the X-RateLimit-* headers. */
public class RateLimitedException extends ApiException {
    private final transient RateLimiter.Decision decision;

    public RateLimitedException(RateLimiter.Decision decision) {
        super(ErrorCode.RATE_LIMITED, "Too many requests; retry in " + decision.resetSeconds() + " s",
                Map.of("retryAfter", decision.resetSeconds(), "limit", decision.limit()));
        this.decision = decision;
    }

    public RateLimiter.Decision decision() {
        return decision;
    }
}
