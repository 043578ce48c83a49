package dev.festival.realtime.engineio;

import dev.festival.common.error.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;

/**
 * Every request under {@code /socket.io/}: checks the protocol version and the Origin, serves the
 * HTTP long-polling transport (handshake GET, poll GET, POST of client packets) and hands WebSocket
 * upgrades on to {@link EngineWebSocket}. Non-blocking throughout: a poll is answered later, by the
 * session, when a packet is ready.
 */
@ApplicationScoped
public class PollingRoute {
    static final String PATH = "/socket.io";

    @Inject
    EngineServer server;

    void install(@Observes Router router) {
        // early, before the API's catch-all 404; after the request-id handler (MIN_VALUE + 10)
        router.route(PATH + "/*").order(Integer.MIN_VALUE + 20).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (!server.origins().allows(origin, request.getHeader(HttpHeaders.HOST))) {
            server.error(response, ErrorCode.CSRF_REJECTED, 4, "Origin not allowed: " + origin);
            return;
        }
        if (origin != null) {
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Allow-Credentials", "true")
                    .putHeader("Vary", "Origin");
        }
        if (request.method() == HttpMethod.OPTIONS) {
            String headers = request.getHeader("Access-Control-Request-Headers");
            response.putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            if (headers != null) {
                response.putHeader("Access-Control-Allow-Headers", headers);
            }
            response.setStatusCode(204).end();
            return;
        }
        if (!"4".equals(request.getParam("EIO"))) {
            server.badRequest(response, 5, "Unsupported protocol version");
            return;
        }
        String transport = request.getParam("transport");
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
        if (upgrade) {
            if (!"websocket".equals(transport)) {
                server.badRequest(response, 0, "Transport unknown");
                return;
            }
            ctx.next(); // EngineWebSocket takes it from here
            return;
        }
        if (!"polling".equals(transport)) {
            server.badRequest(response, "websocket".equals(transport) ? 3 : 0,
                    "websocket".equals(transport) ? "Bad request" : "Transport unknown");
            return;
        }
        response.putHeader("Cache-Control", "no-store");
        String sid = request.getParam("sid");
        if (sid == null) {
            if (request.method() != HttpMethod.GET) {
                server.badRequest(response, 2, "Bad handshake method");
                return;
            }
            if (server.isGoingAway()) {
                response.putHeader("Retry-After", "1");
                server.error(response, ErrorCode.SERVICE_UNAVAILABLE, 0, "Server shutting down: connect again");
                return;
            }
            Handshake handshake = new Handshake(request.getHeader(HttpHeaders.AUTHORIZATION),
                    request.getHeader(HttpHeaders.COOKIE), origin, remote(request));
            EngineSession session = server.open(handshake, null);
            response.putHeader("Content-Type", "text/plain; charset=UTF-8").end(server.openPacket(session, true));
            return;
        }
        EngineSession session = server.find(sid);
        if (session == null) {
            server.badRequest(response, 1, "Session ID unknown");
            return;
        }
        if (request.method() == HttpMethod.GET) {
            session.onPoll(response);
        } else if (request.method() == HttpMethod.POST) {
            readBody(request, response, session);
        } else {
            server.badRequest(response, 2, "Bad request method");
        }
    }

    private void readBody(HttpServerRequest request, HttpServerResponse response, EngineSession session) {
        int limit = server.maxPayload();
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                tooLarge[0] = true;
                server.error(response, ErrorCode.PAYLOAD_TOO_LARGE, 3, "Payload larger than " + limit + " bytes");
                session.close("transport error: payload too large");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (tooLarge[0]) {
                return;
            }
            session.onPost(body.toString(StandardCharsets.UTF_8));
            response.putHeader("Content-Type", "text/html; charset=UTF-8").end("ok");
        });
        request.exceptionHandler(e -> session.close("transport error"));
        request.resume();
    }

    private static String remote(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
