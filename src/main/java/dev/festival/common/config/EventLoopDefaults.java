package dev.festival.common.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One Vert.x event loop per CPU the JVM may use (container limits included), where Quarkus starts two
 * per CPU. Every request of this service is non-blocking, so more loops than CPUs only add context
 * switches: on the 2-CPU pods of the architecture, ticket validation served about 15 % more requests
 * per second with 2 loops than with 4, at a lower CPU cost per request (bench/RESULTS.md).
 *
 * <p>Computed when the configuration is built at run time, at ordinal 50: above the defaults Quarkus
 * bakes in at build time, below application.properties (250), the environment (300) and system
 * properties (400), so {@code QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE} still sets it.
 */
public class EventLoopDefaults implements ConfigSourceFactory {
    static final String EVENT_LOOPS = "quarkus.vertx.event-loops-pool-size";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
        return List.of(new PropertiesConfigSource(Map.of(EVENT_LOOPS, Integer.toString(cpus)),
                "festival-event-loop-defaults", 50));
    }
}
