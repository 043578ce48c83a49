package dev.festival.common.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One business event = one Prometheus counter increment + one INFO log line ({@link #count}: the counter
 * only, for high-volume events the database already records one by one). Usage:
 * <pre>
 *   &#64;Inject BusinessEvents events;
 *   events.record("login", "userId", user.id());
 *   events.record("ticket.purchased", "userId", uid, "festivalId", fid, "quantity", 2);
 * </pre>
 * The counter is {@code festival_business_events_total{event="login"}}: only the event name is a
 * label (ids would explode the series count); the ids go to the log line
 * ({@code event=login userId=...}), which carries the request id through the MDC. Event names
 * are lower-case and dotted ({@code wallet.charged}); never pass secrets (the log filter would
 * mask known keys anyway). Cheap and non-blocking: safe on the event loop.
 */
@ApplicationScoped
public class BusinessEvents {
    public static final String METER = "festival.business.events";
    private static final Logger LOG = Logger.getLogger("dev.festival.events");

    @Inject
    MeterRegistry registry;

    /** One counter per event name, resolved once: the registry lookup is not free on a hot path. */
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    /** @param fields alternating key, value pairs for the log line; a trailing odd key is ignored. */
    public void record(String event, Object... fields) {
        count(event);
        if (LOG.isInfoEnabled()) {
            LOG.info(line(event, fields));
        }
    }

    /**
     * Counts an event without a log line, for the high-volume events whose every occurrence is already a
     * database row with more detail than the line would carry (a gate scan is a {@code zone_access_logs}
     * row): at a gate rush the line would cost more than the scan's own work and tell nothing new. The
     * line is still written at DEBUG ({@code dev.festival.events}) for an engineer who turns it on.
     */
    public void count(String event, Object... fields) {
        counters.computeIfAbsent(event, e -> Counter.builder(METER)
                .description("Business events by name (login, ticket.purchased, wallet.charged, ...)")
                .tag("event", e)
                .register(registry)).increment();
        if (fields.length > 0 && LOG.isDebugEnabled()) {
            LOG.debug(line(event, fields));
        }
    }

    private static String line(String event, Object[] fields) {
        StringBuilder line = new StringBuilder("event=").append(event);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.append(' ').append(fields[i]).append('=').append(fields[i + 1]);
        }
        return line.toString();
    }
}
