package dev.festival.common.db;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Flyway migration at start, off the start-up thread.
 *
 * <p>With {@code quarkus.flyway.migrate-at-start=true} Quarkus migrates synchronously before the
 * server starts (the test profile does this, after cleaning). With it false (production), this
 * bean runs the same Flyway migration on its own thread as soon as the application starts, so
 * JDBC, Flyway and the DDL overlap with the rest of the start-up instead of preceding it. Until
 * it has finished the node is not ready: {@code /api/health} and {@code /api/health/ready}
 * report the {@code schema} check DOWN, and API requests answer 503 ERR_1006 with
 * {@code Retry-After} ({@link SchemaGate}); liveness stays UP. A failed migration stops the
 * process with exit code 1, as the synchronous migration would have.
 *
 * <p>Start-up work that needs the tables waits for {@link #ready()}.
 */
@ApplicationScoped
public class SchemaMigration {
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    @Inject
    Instance<Flyway> flyway;

    @ConfigProperty(name = "quarkus.flyway.migrate-at-start", defaultValue = "false")
    boolean quarkusMigratesAtStart;

    /** Test hook: wait this long before migrating, to observe the not-ready state. */
    @ConfigProperty(name = "festival.db.migration-delay", defaultValue = "0s")
    Duration delay;

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);

    /** Test hook: cut {@code festival.db.migration-delay} short. */
    public void startNow() {
        go.countDown();
    }

    /** Runs before the other start-up observers, which may wait for {@link #ready()}. */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (quarkusMigratesAtStart) {
            done.complete(null);
            return;
        }
        Thread.ofPlatform().name("schema-migration").daemon().start(this::migrate);
    }

    private void migrate() {
        try {
            if (!delay.isZero()) {
                go.await(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            long start = System.nanoTime();
            var result = flyway.get().migrate();
            LOG.infof("schema ready: %d migration(s) applied in %d ms, now at %s", result.migrationsExecuted,
                    (System.nanoTime() - start) / 1_000_000, result.targetSchemaVersion);
            done.complete(null);
        } catch (Throwable e) {
            LOG.error("schema migration failed; stopping", e);
            done.completeExceptionally(e);
            Quarkus.asyncExit(1);
        }
    }

    public boolean isReady() {
        return done.isDone() && !done.isCompletedExceptionally();
    }

    /** Completes once the schema is migrated (at once when Quarkus migrated before start). */
    public Uni<Void> ready() {
        return Uni.createFrom().completionStage(done);
    }
}
