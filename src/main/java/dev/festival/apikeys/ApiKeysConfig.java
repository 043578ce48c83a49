package dev.festival.apikeys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code festival.api-keys.*}. */
@ConfigMapping(prefix = "festival.api-keys")
public interface ApiKeysConfig {
    /**
     * How long a pod reuses a key looked up in PostgreSQL. A revocation or change reaches every pod at
     * once through Redis pub/sub; this bounds it should that message be lost (Redis down).
     */
    @WithDefault("30s")
    Duration cacheTtl();

    /** Usage counts and last-used times are written in one batched statement this often. */
    @WithDefault("5s")
    Duration usageFlushInterval();

    /** Live keys one account may hold. */
    @WithDefault("50")
    int maxPerUser();

    /** The Redis channel carrying invalidations between pods; default festival:api-keys:&lt;schema&gt;. */
    Optional<String> channel();
}
