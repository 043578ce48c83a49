package dev.festival.auth;

import dev.festival.common.security.ratelimit.RateLimitConfig;
import dev.festival.common.security.ratelimit.RateLimitedException;
import dev.festival.common.security.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * Per-account limits of the flows that name an account by email in their body (forgot-password,
 * resend-verification; {@code festival.rate-limit.accounts.<flow>}), on top of the per-address path
 * rules: nobody can flood one mailbox from many addresses. Counted whether or not the account exists,
 * so the answer reveals nothing. Usage: {@code throttle.check("forgot-password", email).flatMap(...)}.
 */
@ApplicationScoped
public class AccountThrottle {
    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitConfig config;

    /** Counts one request of the flow for the account; 429 ERR_1005 once over its limit. */
    public Uni<Void> check(String flow, String email) {
        RateLimitConfig.Limit limit = config.accounts().get(flow);
        if (!limiter.enabled() || limit == null || email == null || email.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        String account = RateLimiter.digest(email.trim().toLowerCase(Locale.ROOT));
        return limiter.hit(List.of(new RateLimiter.Bucket(flow + ":acct:" + account, limit.limit(), limit.window())))
                .invoke(decision -> {
                    if (!decision.allowed()) {
                        throw new RateLimitedException(decision);
                    }
                })
                .replaceWithVoid();
    }
}
