package dev.festival.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.festival.auth.dto.AuthResponse;
import dev.festival.auth.dto.ChangePasswordRequest;
import dev.festival.auth.dto.EmailRequest;
import dev.festival.auth.dto.ResetPasswordRequest;
import dev.festival.auth.dto.TokenRequest;
import dev.festival.auth.dto.LoginRequest;
import dev.festival.auth.dto.RefreshRequest;
import dev.festival.auth.dto.RegisterRequest;
import dev.festival.auth.dto.SuccessResponse;
import dev.festival.auth.dto.TokenResponse;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.error.ErrorResponses;
import dev.festival.common.security.CurrentUser;
import dev.festival.users.dto.UserView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** HTTP side of API.md "Auth": parsing, cookies and status codes; the rules live in {@link AuthService}. */
@Path("/auth")
@Tag(name = "Auth", description = "Sign-up, sign-in, token refresh and sign-out")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    @Inject
    AuthService auth;

    @Inject
    AuthCookies cookies;

    @Inject
    CurrentUser currentUser;

    @Inject
    ObjectMapper mapper;

    @Inject
    AccountService accounts;

    @Inject
    LoginThrottle throttle;

    @Inject
    AccountThrottle accountThrottle;

    @POST
    @Path("/register")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account and sign it in",
            description = "Roles: public. The email is trimmed and lower-cased; the password needs 8 characters"
                    + " with an upper-case letter, a lower-case letter and a digit. The account starts"
                    + " PENDING_VERIFICATION; signing in is allowed before verification. Sets the access_token"
                    + " and refresh_token cookies.")
    @APIResponse(responseCode = "201", description = "Auth answer (token fields nested and at the top level)",
            content = @Content(schema = @Schema(implementation = AuthResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field or weak password (details.fields"
            + " names each failed rule); ERR_4002 malformed JSON",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 an account with this email exists",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<AuthResponse>> register(@Valid RegisterRequest body, @Context HttpServerRequest request) {
        requireBody(body);
        String language = AccountEmails.fromRequest(request.getParam("lang"), request.getHeader("Accept-Language"));
        return auth.register(body, client(request), language).map(answer -> signedIn(Status.CREATED, answer));
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with email and password",
            description = "Roles: public. Extra fields (rememberMe, ...) are ignored. An account with two-factor"
                    + " enabled also needs totpCode (a 6-digit TOTP code, or one of its recovery codes, each usable"
                    + " once). Sets the access_token and refresh_token cookies.")
    @APIResponse(responseCode = "200", description = "Auth answer (token fields nested and at the top level)",
            content = @Content(schema = @Schema(implementation = AuthResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 missing email or password",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "ERR_2001 invalid email or password (same answer for an"
            + " unknown email); ERR_2006 the account has two-factor enabled and totpCode is missing; ERR_2007"
            + " totpCode is neither the current code nor an unused recovery code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_2005 account INACTIVE or BANNED",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = "ERR_1005 too many failed attempts for this account or"
            + " address (Retry-After, X-RateLimit-*)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<AuthResponse>> login(@Valid LoginRequest body, @Context HttpServerRequest request) {
        requireBody(body);
        AuthService.Client client = client(request);
        return throttle.guard(body.email(), client.ipAddress(), () -> auth.login(body, client))
                .map(answer -> signedIn(Status.OK, answer));
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The signed-in user",
            description = "Roles: auth (Bearer token or access_token cookie).")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "401", description = "ERR_2002 no token; ERR_2003 invalid or expired token",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<UserView> me() {
        return auth.me(currentUser.id());
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token for a new pair",
            description = "Roles: public (the refresh token is the credential). Takes {refreshToken} from the body"
                    + " or the refresh_token cookie (the body wins). The token rotates: a rotated token presented"
                    + " again within the grace period (festival.auth.refresh-reuse-grace, 60 s by default) gets a"
                    + " fresh pair; after it the whole session is revoked. Sets new cookies.")
    @APIResponse(responseCode = "200", description = "New token pair",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 no refresh token in body or cookie",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "ERR_2004 refresh token invalid, expired, revoked or reused",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RefreshRequest.class)))
    public Uni<RestResponse<TokenResponse>> refresh(String rawBody, @CookieParam(AuthCookies.REFRESH) String cookie) {
        RefreshRequest body = parseOptional(rawBody);
        String token = body != null && body.refreshToken() != null && !body.refreshToken().isBlank()
                ? body.refreshToken() : cookie;
        return auth.refresh(token).map(pair -> withCookies(RestResponse.ResponseBuilder.ok(pair),
                cookies.issue(pair.accessToken(), pair.refreshToken())).build());
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "Sign out everywhere",
            description = "Roles: auth. Revokes every session of the user (no refresh token works any more) and"
                    + " clears both cookies.")
    @APIResponse(responseCode = "200", description = "{success: true, message}",
            content = @Content(schema = @Schema(implementation = SuccessResponse.class)))
    @APIResponse(responseCode = "401", description = "ERR_2002 no token; ERR_2003 invalid or expired token",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<SuccessResponse>> logout() {
        return auth.logout(currentUser.id()).map(count -> withCookies(
                RestResponse.ResponseBuilder.ok(SuccessResponse.ok("Logged out successfully")),
                cookies.clear()).build());
    }

    /**
     * A sign-out whose token is already dead (revoked session, expired, missing) still answers 401 as
     * every endpoint does, but also clears both cookies, so the browser does not keep sending them.
     * Class-local: only this resource's endpoints; the others keep the global mappers' answers.
     */
    @ServerExceptionMapper
    public jakarta.ws.rs.core.Response unauthenticated(io.quarkus.security.AuthenticationFailedException e,
            HttpServerRequest request) {
        return signedOutIfLogout(ErrorCode.TOKEN_INVALID, request);
    }

    @ServerExceptionMapper
    public jakarta.ws.rs.core.Response noToken(io.quarkus.security.UnauthorizedException e,
            HttpServerRequest request) {
        return signedOutIfLogout(ErrorCode.TOKEN_MISSING, request);
    }

    private jakarta.ws.rs.core.Response signedOutIfLogout(ErrorCode code, HttpServerRequest request) {
        jakarta.ws.rs.core.Response answer = ErrorResponses.response(code, null, null, request);
        if (!request.path().endsWith("/auth/logout")) {
            return answer;
        }
        jakarta.ws.rs.core.Response.ResponseBuilder cleared = jakarta.ws.rs.core.Response.fromResponse(answer);
        for (String cookie : cookies.clear()) {
            cleared.header(HttpHeaders.SET_COOKIE, cookie);
        }
        return cleared.build();
    }

    // ---------------------------------------------------------------- account recovery (issue 9, part A)

    @POST
    @Path("/forgot-password")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a password reset link",
            description = "Roles: public. Answers the same, in about the same time, whether or not an account has"
                    + " this email (no account enumeration). When it has, a single-use link valid for"
                    + " festival.account.email.reset-ttl (1 h) is emailed in the user's language; earlier links stop"
                    + " working.")
    @APIResponse(responseCode = "200", description = "{success: true, message}",
            content = @Content(schema = @Schema(implementation = SuccessResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 missing email",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = "ERR_1005 too many requests for this email or from this"
            + " address (Retry-After)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<SuccessResponse> forgotPassword(@Valid EmailRequest body) {
        requireBody(body);
        return accountThrottle.check("forgot-password", body.email())
                .flatMap(v -> accounts.forgotPassword(body.email())).replaceWith(SuccessResponse.ok(
                "If an account exists for this email, a password reset link has been sent"));
    }

    @POST
    @Path("/reset-password")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with a reset link's token",
            description = "Roles: public (the token is the credential; it works once, within 1 h). The new password"
                    + " follows the password rule. Every session of the account is revoked (its access tokens stop"
                    + " working at once).")
    @APIResponse(responseCode = "200", description = "{success: true, message}",
            content = @Content(schema = @Schema(implementation = SuccessResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 token invalid, used or expired (details.fields[0]"
            + ".field = token), or weak newPassword",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<SuccessResponse> resetPassword(@Valid ResetPasswordRequest body) {
        requireBody(body);
        return accounts.resetPassword(body.token(), body.newPassword())
                .replaceWith(SuccessResponse.ok("Password has been reset; please sign in again"));
    }

    @POST
    @Path("/verify-email")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify the email address with the emailed token",
            description = "Roles: public (the token is the credential; single use, valid 24 h). The account's"
                    + " emailVerified becomes true and a PENDING_VERIFICATION account becomes ACTIVE.")
    @APIResponse(responseCode = "200", description = "{success: true, message}",
            content = @Content(schema = @Schema(implementation = SuccessResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 token invalid, used or expired",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<SuccessResponse> verifyEmail(@Valid TokenRequest body) {
        requireBody(body);
        return accounts.verifyEmail(body.token()).replaceWith(SuccessResponse.ok("Email address verified"));
    }

    @POST
    @Path("/resend-verification")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the verification email again",
            description = "Roles: public. Answers the same whatever the email; an unverified account gets a new"
                    + " link (earlier ones stop working).")
    @APIResponse(responseCode = "200", description = "{success: true, message}",
            content = @Content(schema = @Schema(implementation = SuccessResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 missing email",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = "ERR_1005 too many requests for this email or from this"
            + " address (Retry-After)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<SuccessResponse> resendVerification(@Valid EmailRequest body) {
        requireBody(body);
        return accountThrottle.check("resend-verification", body.email())
                .flatMap(v -> accounts.sendVerification(body.email())).replaceWith(SuccessResponse.ok(
                "If an unverified account exists for this email, a verification link has been sent"));
    }

    @POST
    @Path("/change-password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the password",
            description = "Roles: auth. Needs the current password; confirmPassword, when sent, must equal"
                    + " newPassword. Every other session of the user is revoked; the caller's stays signed in.")
    @APIResponse(responseCode = "200", description = "{success: true, message}",
            content = @Content(schema = @Schema(implementation = SuccessResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 wrong currentPassword, confirmPassword mismatch or"
            + " weak newPassword", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "ERR_2002 no token; ERR_2003 invalid, expired or revoked token",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<SuccessResponse> changePassword(@Valid ChangePasswordRequest body) {
        requireBody(body);
        return accounts.changePassword(currentUser.id(), currentUser.sessionId(), body.currentPassword(),
                body.newPassword(), body.confirmPassword())
                .replaceWith(SuccessResponse.ok("Password changed; other sessions have been signed out"));
    }

    // ---------------------------------------------------------------- end of account recovery

    private RestResponse<AuthResponse> signedIn(Status status, AuthResponse answer) {
        return withCookies(RestResponse.ResponseBuilder.create(status, answer),
                cookies.issue(answer.accessToken(), answer.refreshToken())).build();
    }

    private static <T> RestResponse.ResponseBuilder<T> withCookies(RestResponse.ResponseBuilder<T> builder,
                                                                   List<String> setCookies) {
        setCookies.forEach(c -> builder.header(HttpHeaders.SET_COOKIE, c));
        return builder;
    }

    /**
     * Browsers refreshing by cookie often send no body and no Content-Type at all, which a typed
     * JSON parameter would answer with 415; so the body is read as text and parsed here.
     */
    private RefreshRequest parseOptional(String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(rawBody, RefreshRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON);
        }
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw ApiException.invalidField("body", "is required");
        }
    }

    private static AuthService.Client client(HttpServerRequest request) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new AuthService.Client(request.getHeader(HttpHeaders.USER_AGENT), ip);
    }
}
