package dev.festival.auth;

import dev.festival.auth.dto.TwoFactorCodeRequest;
import dev.festival.auth.dto.TwoFactorEnabledResponse;
import dev.festival.auth.dto.TwoFactorSetupResponse;
import dev.festival.auth.dto.TwoFactorStatusResponse;
import dev.festival.auth.dto.TwoFactorVerifyResponse;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API.md "Auth", two-factor (TOTP, RFC 6238): the signed-in user's own second factor. */
@Path("/auth/2fa")
@Tag(name = "Auth", description = "Sign-up, sign-in, token refresh and sign-out")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class TwoFactorResource {
    @Inject
    TwoFactorService twoFactor;

    @Inject
    CurrentUser currentUser;

    @GET
    @Path("/status")
    @Operation(summary = "Whether two-factor sign-in is on", description = "Roles: auth.")
    @APIResponse(responseCode = "200", description = "{enabled}",
            content = @Content(schema = @Schema(implementation = TwoFactorStatusResponse.class)))
    public Uni<TwoFactorStatusResponse> status() {
        return twoFactor.isEnabled(currentUser.id()).map(TwoFactorStatusResponse::new);
    }

    @POST
    @Path("/setup")
    @Operation(summary = "Start setting up two-factor sign-in",
            description = "Roles: auth, with a verified email address. Generates a new secret (not in force until"
                    + " enable) and answers it with its otpauth:// URL and that URL as a QR code (PNG data URL)."
                    + " Alias: POST /api/auth/2fa/generate.")
    @APIResponse(responseCode = "200", description = "{secret, otpauthUrl, qrCode, manualEntryKey}",
            content = @Content(schema = @Schema(implementation = TwoFactorSetupResponse.class)))
    @APIResponse(responseCode = "403", description = "ERR_3005 the email address is not verified yet"
            + " (details.feature = two-factor)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 two-factor is already enabled (disable it first)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TwoFactorSetupResponse> setup() {
        return twoFactor.setup(currentUser.id()).map(s -> new TwoFactorSetupResponse(s.secret(), s.otpauthUrl(),
                s.qrCode(), s.manualEntryKey()));
    }

    @POST
    @Path("/generate")
    @Operation(summary = "Start setting up two-factor sign-in (alias of /setup)", description = "Roles: auth.")
    @APIResponse(responseCode = "200", description = "{secret, otpauthUrl, qrCode, manualEntryKey}",
            content = @Content(schema = @Schema(implementation = TwoFactorSetupResponse.class)))
    public Uni<TwoFactorSetupResponse> generate() {
        return setup();
    }

    @POST
    @Path("/enable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn two-factor sign-in on",
            description = "Roles: auth. {code} is the current code of the secret from setup. Answers ten recovery"
                    + " codes, shown once (recoveryCodes and backupCodes are the same list); each can replace a code"
                    + " once. Sign in again afterwards if an ADMIN's rights were narrowed for lack of two-factor.")
    @APIResponse(responseCode = "200", description = "{enabled: true, recoveryCodes, backupCodes}",
            content = @Content(schema = @Schema(implementation = TwoFactorEnabledResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 missing or wrong code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 no setup yet, or already enabled",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TwoFactorEnabledResponse> enable(@Valid TwoFactorCodeRequest body) {
        requireBody(body);
        return twoFactor.enable(currentUser.id(), body.code()).map(TwoFactorEnabledResponse::of);
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a two-factor code",
            description = "Roles: auth. valid is true when {code} is the current code and was not used before (a"
                    + " code is accepted once); false otherwise, also when two-factor is off.")
    @APIResponse(responseCode = "200", description = "{valid}",
            content = @Content(schema = @Schema(implementation = TwoFactorVerifyResponse.class)))
    public Uni<TwoFactorVerifyResponse> verify(@Valid TwoFactorCodeRequest body) {
        requireBody(body);
        return twoFactor.verify(currentUser.id(), body.code()).map(TwoFactorVerifyResponse::new);
    }

    @POST
    @Path("/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn two-factor sign-in off",
            description = "Roles: auth. {code} is a current code or an unused recovery code. The secret and every"
                    + " recovery code are deleted.")
    @APIResponse(responseCode = "200", description = "{enabled: false}",
            content = @Content(schema = @Schema(implementation = TwoFactorStatusResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 missing or wrong code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 two-factor is not enabled",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TwoFactorStatusResponse> disable(@Valid TwoFactorCodeRequest body) {
        requireBody(body);
        return twoFactor.disable(currentUser.id(), body.code()).replaceWith(new TwoFactorStatusResponse(false));
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw ApiException.invalidField("code", "is required");
        }
    }
}
