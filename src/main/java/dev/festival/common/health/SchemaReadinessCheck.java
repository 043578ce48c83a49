package dev.festival.common.health;

import dev.festival.common.db.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check "schema": DOWN while Flyway is still migrating at start ({@link SchemaMigration}). */
@Readiness
@ApplicationScoped
public class SchemaReadinessCheck implements HealthCheck {
    static final String NAME = "schema";

    @Inject
    SchemaMigration schema;

    @Override
    public HealthCheckResponse call() {
        return schema.isReady() ? HealthCheckResponse.up(NAME)
                : HealthCheckResponse.named(NAME).down().withData("reason", "migrating").build();
    }
}
