package dev.festival.common.health;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "redis": a PING on the shared reactive data source, non-blocking and bounded
 * by a short timeout. Replaces the extension's own check (disabled in the config).
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {
    static final String NAME = "redis";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    ReactiveRedisDataSource redis;

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(TIMEOUT).failWith(() -> new IllegalStateException("timed out after " + TIMEOUT))
                .map(reply -> HealthCheckResponse.named(NAME).up().build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
