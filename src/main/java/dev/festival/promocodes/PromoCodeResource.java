package dev.festival.promocodes;

import dev.festival.common.web.PathIds;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.promocodes.dto.ApplyRequest;
import dev.festival.promocodes.dto.PromoCodePage;
import dev.festival.promocodes.dto.PromoCodeRequest;
import dev.festival.promocodes.dto.PromoCodeStats;
import dev.festival.promocodes.dto.PromoCodeView;
import dev.festival.promocodes.dto.ValidateRequest;
import dev.festival.promocodes.dto.ValidationResult;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Promo codes (API.md "Promo codes"). Management is the festival's org; validate is public. */
@Path("/promo-codes")
@Tag(name = "Promo codes")
@Produces(MediaType.APPLICATION_JSON)
public class PromoCodeResource {
    @Inject
    PromoCodeService promoCodes;

    @POST
    @Authenticated
    @Operation(summary = "Create a promo code", description = "Roles: org of the body's festivalId (ADMIN, owner, "
            + "the festival's ORGANIZER members). The code is matched case-insensitively and stored upper-case.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromoCodeView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 the festival already has this code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> create(PromoCodeRequest body) {
        return promoCodes.create(null, body).map(v -> Response.status(201).entity(v).build());
    }

    @GET
    @Authenticated
    @Operation(summary = "List promo codes", description = "Roles: org of festivalId; festivalId may be omitted by "
            + "an ADMIN only (every festival). Paginated, newest first; sort by code, createdAt, updatedAt, "
            + "expiresAt, validFrom, usedCount; search matches the code or description.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromoCodePage.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad query parameter (festivalId missing or not a UUID)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<PromoCodeView>> list(@RestQuery String festivalId,
                                         @Parameter(description = "true or false") @RestQuery String isActive,
                                         @RestQuery String search, @RestQuery String page, @RestQuery String limit,
                                         @RestQuery String offset, @RestQuery String sort, @RestQuery String sortBy,
                                         @RestQuery String sortOrder) {
        UUID festival = null;
        if (festivalId != null && !festivalId.isBlank()) {
            festival = PathIds.uuidOrNull(festivalId.trim());
            if (festival == null) {
                throw PageRequest.badParameter("festivalId", "must be a UUID");
            }
        }
        PageRequest p = PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder,
                PromoCodeStore.SORTABLE.keySet(), "createdAt", false);
        return promoCodes.list(festival, booleanParam("isActive", isActive), search, p);
    }

    static Boolean booleanParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw PageRequest.badParameter(name, "must be true or false");
        };
    }

    @POST
    @Path("/validate")
    @PermitAll
    @Operation(summary = "Check a promo code", description = "Roles: public. A dry run: nothing is counted. A code "
            + "that cannot be used answers 200 with valid: false, error and reason (unknown, inactive, not_yet_valid, "
            + "expired, exhausted, min_amount, not_applicable). With an amount, discountAmount and finalAmount "
            + "(= finalPrice) are computed exactly (PERCENTAGE rounds half-up to the cent; FIXED_AMOUNT is capped at "
            + "the amount). Per-user limits are checked by apply and at purchase.")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationResult.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 code or festivalId missing or malformed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ValidationResult> validate(ValidateRequest body) {
        return promoCodes.validate(body);
    }

    @POST
    @Path("/apply")
    @Authenticated
    @Operation(summary = "Price an order with a promo code", description = "Roles: auth. A dry run for the caller: "
            + "like validate, plus the caller's per-user limit and stacking (a code that is not stackable cannot join "
            + "appliedPromoCodeIds, nor can any code join a non-stackable one: reason not_stackable). The use is "
            + "counted at purchase.")
    @APIResponse(responseCode = "200", description = "The verdict and price",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationResult.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 code, festivalId or amount missing or malformed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ValidationResult> apply(ApplyRequest body) {
        return promoCodes.apply(body);
    }

    @GET
    @Path("/code/{code}")
    @Authenticated
    @Operation(summary = "Find a promo code by its code", description = "Roles: org of the code's festival. "
            + "festivalId is required except for an ADMIN (then the newest live code of that name in any festival).")
    @APIResponse(responseCode = "200", description = "The code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromoCodeView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 festivalId missing or not a UUID",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PromoCodeView> byCode(@PathParam("code") String code, @RestQuery String festivalId) {
        UUID festival = null;
        if (festivalId != null && !festivalId.isBlank()) {
            festival = PathIds.uuidOrNull(festivalId.trim());
            if (festival == null) {
                throw PageRequest.badParameter("festivalId", "must be a UUID");
            }
        }
        return promoCodes.getByCode(code, festival);
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "A promo code", description = "Roles: org of the code's festival.")
    @APIResponse(responseCode = "200", description = "The code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromoCodeView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PromoCodeView> get(@PathParam("id") String id) {
        return promoCodes.get(PromoIds.promoCodeId(id));
    }

    @PATCH
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Update a promo code", description = "Roles: org of the code's festival. Partial: absent "
            + "fields keep their value. maxUses cannot go below the uses already counted.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromoCodeView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 the festival already has this code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PromoCodeView> update(@PathParam("id") String id, PromoCodeRequest body) {
        UUID promoId = PromoIds.promoCodeId(id);
        return promoCodes.update(promoId, body);
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Delete a promo code", description = "Roles: org of the code's festival. Soft delete: "
            + "its redemptions stay, the code can no longer be used and its name is free again.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> delete(@PathParam("id") String id) {
        return promoCodes.delete(PromoIds.promoCodeId(id)).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/stats")
    @Authenticated
    @Operation(summary = "Usage of a promo code", description = "Roles: org of the code's festival. usedCount, "
            + "remainingUses (null = unlimited), totalDiscount, redemption counts and the latest 50 redemptions.")
    @APIResponse(responseCode = "200", description = "The statistics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromoCodeStats.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such code",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PromoCodeStats> stats(@PathParam("id") String id) {
        return promoCodes.stats(PromoIds.promoCodeId(id));
    }
}
