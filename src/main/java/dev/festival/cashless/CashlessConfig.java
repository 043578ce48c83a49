package dev.festival.cashless;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code festival.cashless.*}: the platform's wallet currency and the QR token lifetime. */
@ConfigMapping(prefix = "festival.cashless")
public interface CashlessConfig {
    /** ISO-4217 currency of every wallet (one wallet per user across festivals). */
    @WithDefault("EUR")
    String currency();

    /** How long a QR token shown by the attendee app may be charged. */
    @WithDefault("60s")
    Duration qrTokenTtl();

    /** Group commit of charges (see PayBatcher). */
    Batch batch();

    interface Batch {
        /** Off: every charge is its own statement. */
        @WithDefault("true")
        boolean enabled();

        /** Most charges in one statement. */
        @WithDefault("64")
        int maxSize();

        /**
         * Batch statements running at once (whole application) before charges start to queue: few, large
         * batches cost PostgreSQL the least per charge (bench/RESULTS.md).
         */
        @WithDefault("2")
        int maxInFlight();
    }
}
