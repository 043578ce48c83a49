package dev.festival.tickets;

import dev.festival.common.web.PathIds;
import dev.festival.common.error.ErrorBody;
import dev.festival.festivals.FestivalService;
import dev.festival.tickets.dto.CategoryRequest;
import dev.festival.tickets.dto.CategoryView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** API.md "Tickets" categories: {@code /api/festivals/:id/ticket-categories}. */
@Path("/festivals/{id}/ticket-categories")
@Tag(name = "Tickets", description = "Ticket categories, purchase, tickets, transfer, refund, gate validation")
@Produces(MediaType.APPLICATION_JSON)
public class TicketCategoryResource {
    @Inject
    TicketCategoryService categories;

    @GET
    @PermitAll
    @Operation(summary = "List a festival's ticket categories", description = "Roles: public. A bare array of the"
            + " visible categories (org also sees hidden ones), with available = quota - sold - reserved (never"
            + " negative). The public list is cached for up to festival.tickets.category-cache-ttl (10 s).")
    @APIResponse(responseCode = "200", description = "Categories",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CategoryView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<CategoryView>> list(@PathParam("id") String id) {
        return categories.list(FestivalService.festivalId(id));
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a ticket category", description = "Roles: org (ADMIN, owner, ORGANIZER member)."
            + " name, price (decimal, >= 0) and quota are required; the currency is the festival's. A festivalId in"
            + " the body must equal the path's.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CategoryView> create(@PathParam("id") String id, CategoryRequest body) {
        return categories.create(FestivalService.festivalId(id), body);
    }

    @GET
    @Path("/{categoryId}")
    @PermitAll
    @Operation(summary = "One ticket category", description = "Roles: public (hidden categories: org only).")
    @APIResponse(responseCode = "200", description = "The category",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival or category",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CategoryView> get(@PathParam("id") String id, @PathParam("categoryId") String categoryId) {
        return categories.get(FestivalService.festivalId(id), categoryId(categoryId));
    }

    @PUT
    @Path("/{categoryId}")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a ticket category", description = "Roles: org. Partial: absent fields keep their"
            + " value. A quota below the tickets sold and reserved → 400.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation (festivalId mismatch, quota too low)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival or category",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CategoryView> put(@PathParam("id") String id, @PathParam("categoryId") String categoryId,
                                 CategoryRequest body) {
        return categories.update(FestivalService.festivalId(id), categoryId(categoryId), body);
    }

    @PATCH
    @Path("/{categoryId}")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a ticket category (same as PUT)", description = "Roles: org. Partial update.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = CategoryView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival or category",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CategoryView> patch(@PathParam("id") String id, @PathParam("categoryId") String categoryId,
                                   CategoryRequest body) {
        return put(id, categoryId, body);
    }

    @DELETE
    @Path("/{categoryId}")
    @Authenticated
    @ResponseStatus(204)
    @Operation(summary = "Delete a ticket category", description = "Roles: org. Soft delete: sold tickets stay"
            + " valid; the category stops selling and leaves the lists.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival or category",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Void> delete(@PathParam("id") String id, @PathParam("categoryId") String categoryId) {
        return categories.delete(FestivalService.festivalId(id), categoryId(categoryId));
    }

    static UUID categoryId(String raw) {
        return PathIds.orNotFound(raw, "Ticket category");
    }
}
