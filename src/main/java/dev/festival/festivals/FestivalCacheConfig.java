package dev.festival.festivals;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code festival.cache.*}: the Redis cache of public festival reads. */
@ConfigMapping(prefix = "festival.cache")
public interface FestivalCacheConfig {
    /** Lifetime of a cached public list or detail; kept within 5–60 s (ARCHITECTURE.md "API Response"). */
    @WithDefault("30s")
    Duration festivalTtl();

    /** How long a cache call may take before the request is served from PostgreSQL instead. */
    @WithDefault("250ms")
    Duration festivalTimeout();

    /** Off: every read goes to PostgreSQL. */
    @WithDefault("true")
    boolean festivalEnabled();
}
