package dev.festival.common.web;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Redis (and other clients with their own connections) answer on their connection's Vert.x
 * context; the rest of a request (the reactive PostgreSQL client, the request-scoped caller) must
 * go on on the request's own context. Wrap such a call with {@link #onCallerContext}.
 */
public final class CallerContext {
    private CallerContext() {
    }

    /** The same Uni, its item or failure delivered on the context that subscribed (if any). */
    public static <T> Uni<T> onCallerContext(Uni<T> uni) {
        return Uni.createFrom().deferred(() -> {
            Context ctx = Vertx.currentContext();
            return ctx == null ? uni : uni.emitOn(task -> ctx.runOnContext(ignored -> task.run()));
        });
    }
}
