package dev.festival.common.health;

import dev.festival.common.lifecycle.GracefulShutdown;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "shutdown": DOWN from SIGTERM on, so the pod is taken out of the Service first. Replaces
 * Quarkus' own "Graceful Shutdown" check (disabled in the config), which could turn DOWN only after the
 * pre-shutdown phase that {@link GracefulShutdown} holds.
 */
@Readiness
@ApplicationScoped
public class ShutdownReadinessCheck implements AsyncHealthCheck {
    static final String NAME = "shutdown";

    @Inject
    GracefulShutdown shutdown;

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(shutdown.draining()
                ? HealthCheckResponse.named(NAME).down().withData("reason", "shutting down").build()
                : HealthCheckResponse.named(NAME).up().build());
    }
}
