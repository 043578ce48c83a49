package dev.festival.auth.oauth;

import dev.festival.auth.AuthConfig;
import dev.festival.auth.AuthCookies;
import dev.festival.auth.AuthService;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.web.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Social sign-in (API.md "Auth"): GET /api/auth/providers, GET /api/auth/{google,github,facebook} (to
 * the provider) and their /callback (back from it: cookies set, redirect to the web app). A provider
 * without configuration is listed {@code enabled: false} and its two routes answer 404.
 */
@Path("/auth")
@Tag(name = "Auth")
public class OAuthResource {
    /** Binds a started sign-in to the browser that started it (login CSRF). */
    static final String STATE_COOKIE = "oauth_state";
    private static final String PROVIDERS = "google|github|facebook";

    @Inject
    OAuthService oauth;

    @Inject
    AuthCookies cookies;

    @Inject
    AuthConfig authConfig;

    @Inject
    OAuthConfig config;

    @GET
    @Path("/providers")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Social sign-in providers", description = "Roles: public. google, github and facebook,"
            + " each with enabled (false when not configured) and the url that starts the sign-in.")
    @APIResponse(responseCode = "200", description = "The providers",
            content = @Content(schema = @Schema(implementation = ProvidersResponse.class)))
    public ProvidersResponse providers() {
        return new ProvidersResponse(oauth.providers());
    }

    @GET
    @Path("/{provider: " + PROVIDERS + "}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a social sign-in", description = "Roles: public. Redirects (302) to the provider's"
            + " consent page: OAuth 2.0 authorization code with PKCE (S256) and a single-use state, kept server-side"
            + " and bound to this browser by the httpOnly oauth_state cookie.")
    @APIResponse(responseCode = "302", description = "To the provider")
    @APIResponse(responseCode = "404", description = "ERR_1001 this provider is not configured",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> start(@Parameter(in = ParameterIn.PATH, description = "google, github or facebook")
                               @PathParam("provider") String provider) {
        OAuthClient.Registration r = registration(provider);
        return oauth.start(r).map(start -> Response.status(Response.Status.FOUND)
                .location(URI.create(start.location()))
                .header(HttpHeaders.SET_COOKIE, stateCookie(start.state(), config.stateTtl()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build());
    }

    @GET
    @Path("/{provider: " + PROVIDERS + "}/callback")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Finish a social sign-in", description = "Roles: public (the provider sends the browser"
            + " here). The state must be the one this browser started (single use, 10 min); the code is exchanged"
            + " with the PKCE verifier. The account holding the provider's verified email is signed in (created if"
            + " none): access_token and refresh_token cookies, then 302 to the web app. A refused sign-in (consent"
            + " denied, email not verified, account disabled or with two-factor, provider error) redirects to the"
            + " web app's login page with ?error=.")
    @APIResponse(responseCode = "302", description = "To the web app (signed in) or its login page with ?error=")
    @APIResponse(responseCode = "400", description = "ERR_4003 no code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3004 missing, forged, expired, reused or foreign state",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_1001 this provider is not configured",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> callback(@PathParam("provider") String provider, @RestQuery String code,
                                  @RestQuery String state, @RestQuery String error,
                                  @CookieParam(STATE_COOKIE) String boundState,
                                  @Context HttpServerRequest request) {
        OAuthClient.Registration r = registration(provider);
        AuthService.Client caller = new AuthService.Client(request.getHeader(HttpHeaders.USER_AGENT),
                ClientAddress.of(request));
        return oauth.complete(r, code, state, boundState, error, caller).map(outcome -> {
            Response.ResponseBuilder redirect = Response.status(Response.Status.FOUND)
                    .header(HttpHeaders.SET_COOKIE, stateCookie("", Duration.ZERO))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
            if (outcome instanceof OAuthService.SignedIn signedIn) {
                cookies.issue(signedIn.answer().accessToken(), signedIn.answer().refreshToken())
                        .forEach(c -> redirect.header(HttpHeaders.SET_COOKIE, c));
                return redirect.location(URI.create(oauth.appUrl())).build();
            }
            return redirect.location(URI.create(oauth.failureUrl(((OAuthService.Refused) outcome).reason()))).build();
        });
    }

    private OAuthClient.Registration registration(String provider) {
        OAuthProvider p = OAuthProvider.parse(provider);
        OAuthClient.Registration r = p == null ? null : oauth.registration(p);
        if (r == null) {
            throw new ApiException(ErrorCode.ROUTE_NOT_FOUND, "Sign-in with " + provider + " is not configured");
        }
        return r;
    }

    private String stateCookie(String value, Duration maxAge) {
        return STATE_COOKIE + "=" + value + "; Max-Age=" + maxAge.toSeconds()
                + (maxAge.isZero() ? "; Expires=Thu, 01 Jan 1970 00:00:00 GMT" : "")
                + "; Path=" + AuthCookies.REFRESH_PATH + "; HttpOnly; SameSite=Lax"
                + (authConfig.cookieSecure() ? "; Secure" : "");
    }
}
