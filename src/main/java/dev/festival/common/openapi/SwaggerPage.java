package dev.festival.common.openapi;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The Swagger page at /api/docs/ without inline script, so it works under a CSP of
 * {@code script-src 'self'}: Quarkus' generated page starts Swagger UI from an inline script; this
 * one loads the same start-up code from a file. Swagger UI's own files are still served by Quarkus.
 */
@ApplicationScoped
public class SwaggerPage {
    static final String BASE = "/api/docs/";

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="UTF-8">
                <title>Festival Platform API</title>
                <link rel="stylesheet" type="text/css" href="swagger-ui.css">
                <link rel="stylesheet" type="text/css" href="style.css">
                <link rel="icon" href="favicon.ico" type="image/x-icon">
            </head>
            <body>
                <div id="swagger-ui"></div>
                <script src="swagger-ui-bundle.js" charset="UTF-8"></script>
                <script src="swagger-ui-standalone-preset.js" charset="UTF-8"></script>
                <script src="festival-swagger-init.js" charset="UTF-8"></script>
            </body>
            </html>
            """;

    private static final String INIT = """
            window.addEventListener('load', function () {
                window.ui = SwaggerUIBundle({
                    url: '/api/docs-json',
                    dom_id: '#swagger-ui',
                    deepLinking: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                    layout: 'StandaloneLayout',
                    oauth2RedirectUrl: window.location.origin + '/api/docs/oauth2-redirect.html'
                });
            });
            """;

    void install(@Observes Router router) {
        router.route(HttpMethod.GET, BASE).order(Integer.MIN_VALUE + 16).handler(ctx -> send(ctx, PAGE, "text/html"));
        router.route(HttpMethod.GET, BASE + "index.html").order(Integer.MIN_VALUE + 16)
                .handler(ctx -> send(ctx, PAGE, "text/html"));
        router.route(HttpMethod.GET, BASE + "festival-swagger-init.js").order(Integer.MIN_VALUE + 16)
                .handler(ctx -> send(ctx, INIT, "text/javascript"));
    }

    private static void send(RoutingContext ctx, String body, String type) {
        ctx.response().putHeader("Content-Type", type + "; charset=UTF-8")
                .putHeader("Cache-Control", "no-cache")
                .end(body);
    }
}
