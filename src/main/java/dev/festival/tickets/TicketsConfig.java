package dev.festival.tickets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code festival.tickets.*}. */
@ConfigMapping(prefix = "festival.tickets")
public interface TicketsConfig {
    /** How long an unpaid order holds its quota. */
    @WithDefault("15m")
    Duration reservationTtl();

    /** How often each pod looks for expired reservations (0 = never, e.g. a pod that only serves reads). */
    @WithDefault("30s")
    Duration expiryInterval();

    /** A ticket admits from this long before the festival starts ... */
    @WithDefault("24h")
    Duration entryOpensBefore();

    /** ... until this long after it ends. */
    @WithDefault("24h")
    Duration entryClosesAfter();

    /** Lifetime of the cached public category list (Redis); 0 turns the cache off. */
    @WithDefault("10s")
    Duration categoryCacheTtl();
}
