package dev.festival.auth;

import dev.festival.common.audit.AuditLog;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.events.BusinessEvents;
import dev.festival.common.security.ratelimit.RateLimitConfig;
import dev.festival.common.security.ratelimit.RateLimitedException;
import dev.festival.common.security.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Brute-force guard of sign-in (OWASP ASVS 2.2.1): failed attempts (wrong password or two-factor
 * code) are counted in Redis per account and address, per account, and per address
 * ({@code festival.rate-limit.login.*}; 5 per 15 min for one account from one address). Once a
 * counter is full, further attempts are refused with 429 before the password is even checked, on
 * every pod, until its window ends. Successful attempts are not counted. The failure that fills a
 * counter is audited as {@code login.locked_out}.
 */
@ApplicationScoped
public class LoginThrottle {
    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitConfig config;

    @Inject
    BusinessEvents events;

    @Inject
    AuditLog audit;

    public <T> Uni<T> guard(String email, String ip, Supplier<Uni<T>> login) {
        if (!limiter.enabled() || email == null) {
            return login.get();
        }
        List<RateLimiter.Bucket> buckets = buckets(email, ip);
        return limiter.peek(buckets).flatMap(decision -> {
            if (!decision.allowed()) {
                events.record("login.throttled", "ip", ip, "bucket", decision.bucket());
                return Uni.createFrom().failure(new RateLimitedException(decision));
            }
            return login.get().onFailure(LoginThrottle::isGuessFailure)
                    .call(e -> limiter.hit(buckets).call(after -> lockedOut(after, email, ip)));
        });
    }

    /** The failure that fills a counter starts a lock-out: one audit entry for it, not one per refusal. */
    private Uni<Void> lockedOut(RateLimiter.Decision after, String email, String ip) {
        if (!after.limited() || after.remaining() > 0) {
            return Uni.createFrom().voidItem();
        }
        events.record("login.locked_out", "ip", ip, "bucket", after.bucket(), "seconds", after.resetSeconds());
        return audit.record(AuditLog.entry("login.locked_out").failed()
                .detail("email", email.trim().toLowerCase(Locale.ROOT)).detail("counter", after.bucket().split(":")[1])
                .detail("limit", after.limit()).detail("retryAfter", after.resetSeconds()));
    }

    private List<RateLimiter.Bucket> buckets(String email, String ip) {
        String account = RateLimiter.digest(email.trim().toLowerCase(Locale.ROOT));
        RateLimitConfig.Login l = config.login();
        return List.of(
                new RateLimiter.Bucket("login:acct-ip:" + account + ":" + ip, l.accountAndIp().limit(),
                        l.accountAndIp().window()),
                new RateLimiter.Bucket("login:acct:" + account, l.account().limit(), l.account().window()),
                new RateLimiter.Bucket("login:ip:" + ip, l.ip().limit(), l.ip().window()));
    }

    /** A wrong password or two-factor code; not a disabled account, a missing code or bad input. */
    static boolean isGuessFailure(Throwable e) {
        return e instanceof ApiException api
                && (api.code() == ErrorCode.INVALID_CREDENTIALS || api.code() == ErrorCode.TWO_FACTOR_INVALID);
    }
}
