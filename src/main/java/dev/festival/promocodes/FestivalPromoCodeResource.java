package dev.festival.promocodes;

import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.festivals.FestivalService;
import dev.festival.promocodes.dto.PromoCodePage;
import dev.festival.promocodes.dto.PromoCodeRequest;
import dev.festival.promocodes.dto.PromoCodeView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** The festival-nested promo code routes (API.md "Promo codes"). */
@Path("/festivals/{id}/promo-codes")
@Tag(name = "Promo codes")
@Produces(MediaType.APPLICATION_JSON)
public class FestivalPromoCodeResource {
    @Inject
    PromoCodeService promoCodes;

    @POST
    @Authenticated
    @Operation(summary = "Create a promo code for the festival", description = "Roles: org (ADMIN, owner, the "
            + "festival's ORGANIZER members). A festivalId in the body must equal the path's.")
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
    public Uni<Response> create(@PathParam("id") String id, PromoCodeRequest body) {
        return promoCodes.create(FestivalService.festivalId(id), body)
                .map(v -> Response.status(201).entity(v).build());
    }

    @GET
    @Authenticated
    @Operation(summary = "List the festival's promo codes", description = "Roles: org (ADMIN, owner, the "
            + "festival's ORGANIZER members). Paginated, newest first.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromoCodePage.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<PromoCodeView>> list(@PathParam("id") String id,
                                         @Parameter(description = "true or false") @RestQuery String isActive,
                                         @RestQuery String search, @RestQuery String page, @RestQuery String limit,
                                         @RestQuery String offset, @RestQuery String sort, @RestQuery String sortBy,
                                         @RestQuery String sortOrder) {
        PageRequest p = PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder,
                PromoCodeStore.SORTABLE.keySet(), "createdAt", false);
        return promoCodes.list(FestivalService.festivalId(id), PromoCodeResource.booleanParam("isActive", isActive),
                search, p);
    }
}
