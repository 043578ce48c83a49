package dev.festival.zones;

import com.fasterxml.jackson.databind.JsonNode;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.web.PathIds;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.zones.dto.FestivalOccupancyView;
import dev.festival.zones.dto.ZoneAlertPage;
import dev.festival.zones.dto.ZoneAlertView;
import dev.festival.zones.dto.ZonePage;
import dev.festival.zones.dto.ZoneRequest;
import dev.festival.zones.dto.ZoneView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** API.md "Zones" under a festival: its zones, their occupancy, and their alerts. */
@Path("/festivals/{id}")
@Tag(name = "Zones")
@Produces(MediaType.APPLICATION_JSON)
public class FestivalZoneResource {
    @Inject
    ZoneService zones;

    @GET
    @Path("/zones")
    @PermitAll
    @Operation(summary = "A festival's zones", description = "Roles: public. Paginated (page/limit or offset/limit),"
            + " by name; sort=name|createdAt|capacity|currentOccupancy[:asc|desc]; search= matches the name.")
    @APIResponse(responseCode = "200", description = "A page of zones",
            content = @Content(schema = @Schema(implementation = ZonePage.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad query parameter",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<ZoneView>> list(@PathParam("id") String id, @QueryParam("page") String page,
                                    @QueryParam("limit") String limit, @QueryParam("offset") String offset,
                                    @QueryParam("sort") String sort, @QueryParam("sortBy") String sortBy,
                                    @QueryParam("sortOrder") String sortOrder, @QueryParam("search") String search) {
        UUID festivalId = festivalId(id);
        PageRequest p = PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder, ZoneStore.ZONE_SORT.keySet(),
                "name", true);
        return zones.list(festivalId, p, search);
    }

    @POST
    @Path("/zones")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a zone", description = "Roles: the festival's owner, ADMIN. name is required;"
            + " capacity null or absent = unlimited; allowedCategoryIds and requiresTicketType both empty = every"
            + " ticket of the festival; openingTime/closingTime \"HH:mm\" (daily, festival timezone) or ISO-8601"
            + " date-times.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ZoneRequest.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ZoneView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ZoneView> create(@PathParam("id") String id, JsonNode body) {
        return zones.create(festivalId(id), body);
    }

    @GET
    @Path("/occupancy")
    @PermitAll
    @Operation(summary = "Occupancy of every zone of a festival", description = "Roles: public. Alias: GET"
            + " /api/festivals/:id/zones/capacity.")
    @APIResponse(responseCode = "200", description = "Occupancy per zone and totals",
            content = @Content(schema = @Schema(implementation = FestivalOccupancyView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<FestivalOccupancyView> occupancy(@PathParam("id") String id) {
        return zones.festivalOccupancy(festivalId(id));
    }

    @GET
    @Path("/zones/capacity")
    @PermitAll
    @Operation(summary = "Occupancy of every zone (alias of /occupancy)", description = "Roles: public.")
    @APIResponse(responseCode = "200", description = "Occupancy per zone and totals",
            content = @Content(schema = @Schema(implementation = FestivalOccupancyView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<FestivalOccupancyView> capacity(@PathParam("id") String id) {
        return occupancy(id);
    }

    @GET
    @Path("/zones/alerts")
    @Authenticated
    @Operation(summary = "Capacity alerts of a festival's zones", description = "Roles: crew of the festival, ADMIN."
            + " Newest first; paginated (page/limit or offset/limit).")
    @APIResponse(responseCode = "200", description = "A page of alerts",
            content = @Content(schema = @Schema(implementation = ZoneAlertPage.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 not crew of the festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<ZoneAlertView>> alerts(@PathParam("id") String id, @QueryParam("page") String page,
                                           @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        UUID festivalId = festivalId(id);
        return zones.festivalAlerts(festivalId, ZoneResource.alertPage(page, limit, offset));
    }

    private static UUID festivalId(String raw) {
        return PathIds.orNotFound(raw, "Festival");
    }
}
