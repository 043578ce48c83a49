package dev.festival.common.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A WARN that would repeat on every request while a dependency is down (Redis, ...): logged once
 * per interval, the repeats at DEBUG.
 */
public final class ThrottledWarning {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong last;

    public ThrottledWarning(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.last = new AtomicLong(System.nanoTime() - intervalNanos - 1);
    }

    /** {@code format} takes one {@code %s}: the failure. */
    public void warn(String format, Throwable e) {
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous > intervalNanos && last.compareAndSet(previous, now)) {
            log.warnf(format, e.toString());
        } else {
            log.debugf(format, e.toString());
        }
    }
}
