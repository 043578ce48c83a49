package dev.festival.common.web;

import dev.festival.common.error.ErrorCode;
import dev.festival.common.error.ErrorResponses;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Vert.x-level conventions that hold for every route, REST or not: the X-Request-Id header
 * (and its MDC entry for the logs), and the API.md error body for failures that never reach
 * the REST layer (unknown paths, oversized bodies, unexpected router errors).
 */
@ApplicationScoped
public class HttpConventions {
    private static final Logger LOG = Logger.getLogger(HttpConventions.class);

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String requestId = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
            ctx.response().putHeader(RequestIds.HEADER, requestId);
            ctx.put(RequestIds.MDC_KEY, requestId);
            MDC.put(RequestIds.MDC_KEY, requestId);
            ctx.next();
        });
        router.errorHandler(404, ctx -> ErrorResponses.write(ctx, ErrorCode.ROUTE_NOT_FOUND,
                "Route not found: " + ctx.request().method() + " " + ctx.request().path(), null));
        router.errorHandler(405, ctx -> ErrorResponses.write(ctx, ErrorCode.METHOD_NOT_ALLOWED, null, null));
        router.errorHandler(413, ctx -> ErrorResponses.write(ctx, ErrorCode.PAYLOAD_TOO_LARGE, null, null));
        router.errorHandler(415, ctx -> ErrorResponses.write(ctx, ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, null));
        router.errorHandler(500, ctx -> {
            if (ctx.failure() != null) {
                LOG.errorf(ctx.failure(), "unexpected failure on %s %s", ctx.request().method(), ctx.request().path());
            }
            ErrorResponses.write(ctx, ErrorCode.INTERNAL, "Internal server error", null);
        });
    }
}
