package dev.festival.common.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Redis answers on its connection's context; the rest of a request must continue on its own. */
public final class RedisContexts {
    private RedisContexts() {
    }

    /**
     * The same result, emitted on the caller's Vert.x context (the request's), so that request-scoped
     * state and the reactive PostgreSQL client keep working after a Redis call.
     */
    public static <T> Uni<T> onCallerContext(Uni<T> uni) {
        return Uni.createFrom().deferred(() -> {
            Context ctx = Vertx.currentContext();
            return ctx == null ? uni : uni.emitOn(task -> ctx.runOnContext(ignored -> task.run()));
        });
    }
}
