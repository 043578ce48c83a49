package dev.festival.common.db;

import dev.festival.common.error.ErrorCode;
import dev.festival.common.error.ErrorResponses;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * While the schema is being migrated ({@link SchemaMigration}), API requests answer 503 ERR_1006
 * with {@code Retry-After: 1} instead of failing on missing tables. Health, the API identity and
 * the documentation stay available. Costs one volatile read per request once ready.
 */
@ApplicationScoped
public class SchemaGate {
    @Inject
    SchemaMigration schema;

    private volatile boolean open;

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 14).handler(ctx -> {
            if (open || (open = schema.isReady()) || exempt(ctx.request().path())) {
                ctx.next();
                return;
            }
            ctx.response().putHeader("Retry-After", "1");
            ErrorResponses.write(ctx, ErrorCode.SERVICE_UNAVAILABLE, "Starting up: the database schema is being"
                    + " migrated", null);
        });
    }

    static boolean exempt(String path) {
        return path == null || path.equals("/api") || path.equals("/api/") || path.startsWith("/api/health")
                || path.startsWith("/api/docs");
    }
}
