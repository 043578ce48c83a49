package dev.festival.common.web;

import dev.festival.common.error.ErrorCode;
import dev.festival.common.error.ErrorResponses;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    static final String OPENAPI_PATH = "/api/docs-json";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String requestId = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
            ctx.response().putHeader(RequestIds.HEADER, requestId);
            ctx.put(RequestIds.MDC_KEY, requestId);
            MDC.put(RequestIds.MDC_KEY, requestId);
            ctx.next();
        });
        // Quarkus' own Content-Length check answers a bare 413 before any error handler runs;
        // this one runs first and answers in the API.md format. Chunked bodies over the limit
        // fail inside the body reader and reach errorHandler(413) below.
        long limit = maxBodySize.map(MemorySize::asLongValue).orElse(-1L);
        if (limit > 0) {
            router.route().order(Integer.MIN_VALUE + 11).handler(ctx -> {
                String length = ctx.request().getHeader("Content-Length");
                if (length != null && tooLarge(length, limit)) {
                    ctx.response().putHeader("Connection", "close");
                    ErrorResponses.write(ctx, ErrorCode.PAYLOAD_TOO_LARGE,
                            "Request body larger than " + limit + " bytes", null);
                    return;
                }
                ctx.next();
            });
        }
        // Tolerant reader: a body sent without Content-Type is JSON (the API speaks nothing else).
        // Without this, such a request would be refused with 415 before authentication is even
        // checked, while API.md puts authentication first.
        router.route("/api/*").order(Integer.MIN_VALUE + 13).handler(ctx -> {
            HttpMethod method = ctx.request().method();
            if ((method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH)
                    && ctx.request().getHeader("Content-Type") == null && hasBody(ctx.request())) {
                ctx.request().headers().set("Content-Type", "application/json");
            }
            ctx.next();
        });
        // Clients read /api/docs-json as JSON; SmallRye answers YAML unless asked for JSON.
        router.route(HttpMethod.GET, OPENAPI_PATH).order(Integer.MIN_VALUE + 12).handler(ctx -> {
            String accept = ctx.request().getHeader("Accept");
            if (ctx.request().getParam("format") == null && (accept == null || !accept.contains("yaml"))) {
                ctx.request().headers().set("Accept", "application/json");
            }
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

    private static boolean hasBody(io.vertx.core.http.HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean tooLarge(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
