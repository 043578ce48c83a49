package dev.festival.common.security.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code festival.rate-limit.*}: limits counted in Redis and shared by every pod. {@code enabled}
 * (FESTIVAL_RATE_LIMIT_ENABLED) is on in production and off in the dev and test profiles; a test
 * switches it at run time through {@link RateLimiter#setEnabled}.
 */
@ConfigMapping(prefix = "festival.rate-limit")
public interface RateLimitConfig {
    @WithDefault("true")
    boolean enabled();

    /** A Redis answer slower than this lets the request through (fail open), as Redis being down does. */
    @WithDefault("250ms")
    Duration redisTimeout();

    /** Counters live under {@code <key-prefix>:<bucket>}; the prefix keeps schemas sharing a Redis apart. */
    @WithDefault("rl")
    String keyPrefix();

    /**
     * Every REST request of one client address, whatever the endpoint. A limit of 0 turns it off (an
     * ingress that already limits per address): requests without another rule then cost no Redis call.
     */
    Limit globalPerIp();

    /** Failed sign-ins (wrong password or two-factor code). */
    Login login();

    /** Requests per API key, by the key's tier (FREE, STARTER, PRO, ENTERPRISE). */
    Map<String, Limit> apiKeyTiers();

    /**
     * Per-account limits of flows that name the account in their body (forgot-password,
     * resend-verification): flow → limit, applied by the flow's service (auth's AccountThrottle).
     */
    Map<String, Limit> accounts();

    /** Limits on paths, for endpoints declared elsewhere (auth recovery, two-factor): name → rule. */
    Map<String, PathRule> paths();

    interface Limit {
        int limit();

        Duration window();
    }

    interface Login {
        /** Failures for one account from one address. */
        Limit accountAndIp();

        /** Failures for one account from any address (a distributed guess). */
        Limit account();

        /** Failures from one address on any account (credential stuffing). */
        Limit ip();
    }

    interface PathRule {
        /** The request path; a trailing {@code *} matches any suffix. */
        String path();

        @WithDefault("POST")
        List<String> methods();

        int limit();

        Duration window();

        /** What is counted: the client address and/or the signed-in account. */
        @WithDefault("ip")
        List<RateLimit.Per> per();
    }
}
