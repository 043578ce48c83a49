package dev.festival.festivals;

import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.Role;
import dev.festival.common.security.Roles;
import dev.festival.common.security.ratelimit.RateLimit;
import dev.festival.festivals.dto.CreateFestivalRequest;
import dev.festival.festivals.dto.FestivalPage;
import dev.festival.festivals.dto.FestivalStatsView;
import dev.festival.festivals.dto.FestivalView;
import dev.festival.festivals.dto.UpdateFestivalRequest;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * API.md "Festivals". Public reads answer JSON text straight from the Redis cache; writes are
 * role-gated here and tenancy-checked by {@code FestivalAccess} inside the service.
 */
@Path("/festivals")
@Tag(name = "Festivals")
@Produces(MediaType.APPLICATION_JSON)
public class FestivalResource {
    @Inject
    FestivalService festivals;

    @GET
    @PermitAll
    @Operation(summary = "List public festivals",
            description = "Roles: public. Drafts are never listed; cancelled festivals only when status asks for "
                    + "them. Default order: upcoming first (running and future festivals by start date, then past "
                    + "ones, most recent first). Cached in Redis for festival.cache.festival-ttl, invalidated on "
                    + "every festival change.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalPage.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad query parameter",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<String> list(@BeanParam FestivalListParams params) {
        return festivals.publicList(params.toQuery(true));
    }

    @GET
    @Path("/featured")
    @PermitAll
    @Operation(summary = "Featured festivals", description = "Roles: public. Featured, published or running "
            + "festivals that have not ended, upcoming first; the list envelope. limit 1..100, default 6.")
    @APIResponse(responseCode = "200", description = "The featured festivals",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalPage.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad limit",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<String> featured(@RestQuery String limit) {
        PageRequest page = FestivalService.pageOf(null, limit == null || limit.isBlank() ? "6" : limit, null, null,
                null, null);
        return festivals.publicList(new FestivalQuery(null, null, null, null, null, null, null, true, null, true,
                page, false));
    }

    @GET
    @Path("/by-slug/{slug}")
    @PermitAll
    @Operation(summary = "Festival by slug", description = "Roles: public; a DRAFT is visible only to its org "
            + "(ADMIN, owner, ORGANIZER member), anyone else gets 404.")
    @APIResponse(responseCode = "200", description = "The festival",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such (visible) festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<String> bySlug(@PathParam("slug") String slug) {
        return festivals.publicDetail(slug, true);
    }

    @GET
    @Path("/{idOrSlug}")
    @PermitAll
    @Operation(summary = "Festival by id or slug", description = "Roles: public; a value that is not a UUID is "
            + "looked up as a slug. A DRAFT is visible only to its org (ADMIN, owner, ORGANIZER member).")
    @APIResponse(responseCode = "200", description = "The festival",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such (visible) festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<String> get(@PathParam("idOrSlug") String idOrSlug) {
        return festivals.publicDetail(idOrSlug, false);
    }

    @POST
    @Authenticated
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "Create a festival", description = "Roles: ADMIN, ORGANIZER; the caller becomes the owner "
            + "(organizerId). Starts as DRAFT unless status PUBLISHED is given. The slug is generated from the name "
            + "when absent (a suffix is added when taken); an explicit slug that is taken is a 409.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation (e.g. endDate not after startDate)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 role not allowed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 slug taken",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> create(@Valid CreateFestivalRequest body) {
        return festivals.create(body).map(f -> Response.status(Response.Status.CREATED).entity(f).build());
    }

    @PUT
    @Path("/{id}")
    @Authenticated
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "Update a festival (partial)", description = "Roles: ADMIN, owner. Absent fields keep "
            + "their value; a status change follows the publish/unpublish/cancel transitions.")
    @APIResponse(responseCode = "200", description = "The updated festival",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 role / ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 slug taken / ERR_5009 invalid status change",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<FestivalView> put(@PathParam("id") String id, @Valid UpdateFestivalRequest body) {
        return update(id, body);
    }

    @PATCH
    @Path("/{id}")
    @Authenticated
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "Update a festival (partial)", description = "Roles: ADMIN, owner. Same as PUT.")
    @APIResponse(responseCode = "200", description = "The updated festival",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 role / ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 slug taken / ERR_5009 invalid status change",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<FestivalView> patch(@PathParam("id") String id, @Valid UpdateFestivalRequest body) {
        return update(id, body);
    }

    private Uni<FestivalView> update(String id, UpdateFestivalRequest body) {
        UpdateFestivalRequest changes = body != null ? body : new UpdateFestivalRequest(null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        return festivals.update(FestivalService.festivalId(id), changes);
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @Roles(Role.ADMIN)
    @RateLimit(name = "festival-delete", limit = 10, window = "1m")
    @Operation(summary = "Delete a festival (soft)", description = "Roles: ADMIN. The festival disappears from "
            + "every read; its slug stays reserved.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "ERR_3001 not an ADMIN",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "429", description = "ERR_1005 more than 10 deletions a minute",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> delete(@PathParam("id") String id) {
        return festivals.delete(FestivalService.festivalId(id)).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/publish")
    @Authenticated
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "Publish a festival", description = "Roles: ADMIN, owner. DRAFT → PUBLISHED.")
    @APIResponse(responseCode = "200", description = "The festival",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 role / ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 not a DRAFT",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<FestivalView> publish(@PathParam("id") String id) {
        return festivals.publish(FestivalService.festivalId(id));
    }

    @POST
    @Path("/{id}/unpublish")
    @Authenticated
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "Unpublish a festival", description = "Roles: ADMIN, owner. PUBLISHED → DRAFT.")
    @APIResponse(responseCode = "200", description = "The festival",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 role / ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 not PUBLISHED",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<FestivalView> unpublish(@PathParam("id") String id) {
        return festivals.unpublish(FestivalService.festivalId(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Authenticated
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "Cancel a festival", description = "Roles: ADMIN, owner. DRAFT, PUBLISHED or ONGOING → "
            + "CANCELLED.")
    @APIResponse(responseCode = "200", description = "The festival",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 role / ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 already COMPLETED or CANCELLED",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<FestivalView> cancel(@PathParam("id") String id) {
        return festivals.cancel(FestivalService.festivalId(id));
    }

    @GET
    @Path("/{id}/stats")
    @Authenticated
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "Festival statistics", description = "Roles: ADMIN, owner. Tickets sold, revenue, "
            + "attendance and wallet totals (zero until those features record any).")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalStatsView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 role / ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<FestivalStatsView> stats(@PathParam("id") String id) {
        return festivals.stats(FestivalService.festivalId(id));
    }
}
