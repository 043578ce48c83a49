package dev.festival.common.web;

import dev.festival.common.error.ErrorCode;
import dev.festival.common.error.ErrorResponses;
import dev.festival.common.security.ApiKeyHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What browsers need from the API (API.md "Auth" CSRF; OWASP ASVS 14.4, 14.5, 50.3):
 * <ul>
 *   <li>headers on every answer: {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy},
 *       {@code X-Frame-Options: DENY} and CSP {@code frame-ancestors 'none'}, a strict
 *       Content-Security-Policy (the Swagger page gets one allowing its own script and style files),
 *       and HSTS on https requests (or {@code X-Forwarded-Proto: https} from the ingress);</li>
 *   <li>CORS for the configured origins, with credentials; a foreign origin gets no CORS headers
 *       (the browser hides the answer) and its preflight is refused;</li>
 *   <li>CSRF: an unsafe request (POST, PUT, PATCH, DELETE) authenticated by cookie whose Origin, or
 *       else Referer, is present and neither an allowed origin nor the API's own → 403 ERR_3004.
 *       Without either header, or with a Bearer token or an API key, it is not refused.</li>
 * </ul>
 * Socket.IO (/socket.io) keeps its own origin policy (festival.realtime.allowed-origins).
 */
@ApplicationScoped
public class BrowserSecurity {
    static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    static final String DOCS_PATH = "/api/docs";

    @Inject
    HttpSecurityConfig config;

    private Set<String> allowedOrigins;
    private String hsts;
    private String allowMethods;
    private String allowHeaders;
    private String exposeHeaders;
    private String maxAge;

    @PostConstruct
    void init() {
        allowedOrigins = config.cors().origins().stream().map(BrowserSecurity::normalise)
                .filter(o -> !o.isEmpty()).collect(Collectors.toUnmodifiableSet());
        hsts = "max-age=" + config.hsts().maxAge().toSeconds()
                + (config.hsts().includeSubdomains() ? "; includeSubDomains" : "");
        allowMethods = String.join(", ", config.cors().methods());
        allowHeaders = String.join(", ", config.cors().headers());
        exposeHeaders = String.join(", ", config.cors().exposedHeaders());
        maxAge = String.valueOf(config.cors().maxAge().toSeconds());
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 9).handler(ctx -> {
            ctx.addHeadersEndHandler(ignored -> securityHeaders(ctx));
            ctx.next();
        });
        router.route("/api/*").order(Integer.MIN_VALUE + 14).handler(this::corsAndCsrf);
    }

    private void securityHeaders(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        if (!headers.contains("Referrer-Policy")) {
            headers.set("Referrer-Policy", config.referrerPolicy());
        }
        if (!headers.contains("Content-Security-Policy")) {
            String path = ctx.request().path();
            headers.set("Content-Security-Policy", path != null && path.startsWith(DOCS_PATH + "/")
                    ? config.docsContentSecurityPolicy() : config.contentSecurityPolicy());
        }
        if (isHttps(ctx.request())) {
            headers.set("Strict-Transport-Security", hsts);
        }
    }

    private void corsAndCsrf(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean originAllowed = origin != null && allows(origin, request);
        if (origin != null) {
            ctx.response().headers().add(HttpHeaders.VARY, "Origin");
            if (originAllowed) {
                ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                        .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
            }
        }
        if (request.method() == HttpMethod.OPTIONS && origin != null
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            preflight(ctx, originAllowed);
            return;
        }
        if (UNSAFE.contains(request.method()) && cookieAuthenticated(request)) {
            String source = origin != null ? origin : refererOrigin(request.getHeader(HttpHeaders.REFERER));
            if (source != null && !(origin != null ? originAllowed : allows(source, request))) {
                ErrorResponses.write(ctx, ErrorCode.CSRF_REJECTED,
                        "Cross-site request refused: origin " + source + " is not allowed", null);
                return;
            }
        }
        ctx.next();
    }

    private void preflight(RoutingContext ctx, boolean originAllowed) {
        if (!originAllowed) {
            ErrorResponses.write(ctx, ErrorCode.CSRF_REJECTED, "Origin not allowed", null);
            return;
        }
        String requested = ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, allowMethods)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        allowHeaders.isEmpty() && requested != null ? requested : allowHeaders)
                .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAge)
                .setStatusCode(204).end();
    }

    /** An allowed origin: configured, or the API's own (same host and port as the request). */
    boolean allows(String origin, HttpServerRequest request) {
        String o = normalise(origin);
        if (allowedOrigins.contains(o)) {
            return true;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null || "null".equals(o)) {
            return false;
        }
        try {
            String authority = URI.create(o).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The browser attaches the cookies itself, which is what CSRF abuses: a request carrying an auth
     * cookie and neither a Bearer token nor an API key is authenticated by that cookie.
     */
    static boolean cookieAuthenticated(HttpServerRequest request) {
        String cookies = request.getHeader(HttpHeaders.COOKIE);
        if (cookies == null || (!cookies.contains("access_token=") && !cookies.contains("refresh_token="))) {
            return false;
        }
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null && !ApiKeyHeaders.present(request);
    }

    static String refererOrigin(String referer) {
        if (referer == null || referer.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(referer.trim());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return "null";
            }
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "null";
        }
    }

    private static boolean isHttps(HttpServerRequest request) {
        if ("https".equalsIgnoreCase(request.scheme())) {
            return true;
        }
        String forwarded = request.getHeader("X-Forwarded-Proto");
        return forwarded != null && "https".equalsIgnoreCase(forwarded.split(",")[0].trim());
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
