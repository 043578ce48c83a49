package dev.festival.common.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * One business event = one Prometheus counter increment + one INFO log line. Usage:
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

    /** @param fields alternating key, value pairs for the log line; a trailing odd key is ignored. */
    public void record(String event, Object... fields) {
        Counter.builder(METER)
                .description("Business events by name (login, ticket.purchased, wallet.charged, ...)")
                .tag("event", event)
                .register(registry)
                .increment();
        if (LOG.isInfoEnabled()) {
            StringBuilder line = new StringBuilder("event=").append(event);
            for (int i = 0; i + 1 < fields.length; i += 2) {
                line.append(' ').append(fields[i]).append('=').append(fields[i + 1]);
            }
            LOG.info(line.toString());
        }
    }
}
