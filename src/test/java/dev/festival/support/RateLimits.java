package dev.festival.support;

import dev.festival.common.security.ratelimit.RateLimiter;
import io.quarkus.arc.Arc;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rate limits are off in the test profile; a test switches them on for its own duration
 * ({@code try (var on = RateLimits.on()) {...}}) and sends its requests from an address of its own
 * ({@code X-Forwarded-For}, honoured in the test profile), so counters never leak between tests.
 */
public final class RateLimits implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() & 0xffff));

    private RateLimits() {
    }

    public static RateLimits on() {
        Arc.container().instance(RateLimiter.class).get().setEnabled(true);
        return new RateLimits();
    }

    /** A client address no other test (in this run or a recent one) uses. */
    public static String uniqueAddress() {
        int n = SEQ.incrementAndGet();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    @Override
    public void close() {
        Arc.container().instance(RateLimiter.class).get().setEnabled(false);
    }
}
