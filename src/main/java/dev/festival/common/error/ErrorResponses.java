package dev.festival.common.error;

import dev.festival.common.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** Builds the API.md error body for the REST layer and for raw Vert.x routes alike. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static ErrorBody body(ErrorCode code, String message, Object details, HttpServerRequest request) {
        String requestId = request == null ? null : request.response().headers().get(RequestIds.HEADER);
        String path = request == null ? null : request.path();
        return new ErrorBody(code.status(), code.code(), reason(code.status()),
                message == null ? code.defaultMessage() : message, details, requestId,
                Instant.now().toString(), path);
    }

    public static Response response(ErrorCode code, String message, Object details, HttpServerRequest request) {
        return Response.status(code.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(code, message, details, request))
                .build();
    }

    /** For handlers outside the REST layer (router fallbacks, Socket.IO polling). */
    public static void write(RoutingContext ctx, ErrorCode code, String message, Object details) {
        if (ctx.response().ended()) {
            return;
        }
        ErrorBody body = body(code, message, details, ctx.request());
        ctx.response().setStatusCode(code.status())
                .putHeader("Content-Type", "application/json")
                .end(Json.encode(body));
    }

    public static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> Response.Status.fromStatusCode(status) == null
                    ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
    }
}
