package dev.festival.zones;

import com.fasterxml.jackson.databind.JsonNode;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.CurrentUser;
import dev.festival.common.web.PathIds;
import dev.festival.zones.dto.AccessLogPage;
import dev.festival.zones.dto.AccessLogView;
import dev.festival.zones.dto.BatchScanRequest;
import dev.festival.zones.dto.BatchScanResult;
import dev.festival.zones.dto.OccupancyView;
import dev.festival.zones.dto.ScanRequest;
import dev.festival.zones.dto.ScanResult;
import dev.festival.zones.dto.ZoneAlertPage;
import dev.festival.zones.dto.ZoneAlertView;
import dev.festival.zones.dto.ZoneRequest;
import dev.festival.zones.dto.ZoneView;
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

/** API.md "Zones": one zone, its gate (scan, check, offline batches), occupancy, access log and alerts. */
@Path("/zones/{id}")
@Tag(name = "Zones", description = "Zones, gate scans, occupancy, access logs and capacity alerts")
@Produces(MediaType.APPLICATION_JSON)
public class ZoneResource {
    private static final String SCAN_DESCRIPTION = "Roles: STAFF or SECURITY of the zone's festival, org, ADMIN."
            + " Body {qrCode | ticketId | nfcTagId, direction: IN|OUT (alias action: ENTRY|EXIT; default IN),"
            + " deviceId?, clientScanId?}. One atomic statement applies access, the ticket's state (SOLD or USED;"
            + " zones do not consume the ticket), opening hours, category, anti-passback (IN only from outside, OUT"
            + " only from inside) and capacity, and writes the counter, the presence and the access-log row: of"
            + " concurrent scans of one ticket exactly one is admitted, and a full zone never goes over capacity."
            + " A refusal is 200 with allowed=false and a reason: ok already_inside not_inside zone_full"
            + " category_not_allowed invalid revoked closed (exits are refused only for not_inside and invalid)."
            + " An entry that crosses 80 % (the zone's capacityWarningThreshold), 95 % or 100 % carries the alert it"
            + " raised. A repeated deviceId + clientScanId answers the first result (duplicate: true).";

    @Inject
    ZoneService zones;

    @Inject
    GateService gate;

    @Inject
    CurrentUser currentUser;

    // ------------------------------------------------------------------ the zone

    @GET
    @PermitAll
    @Operation(summary = "One zone", description = "Roles: public.")
    @APIResponse(responseCode = "200", description = "The zone",
            content = @Content(schema = @Schema(implementation = ZoneView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4004 the id is not a UUID",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ZoneView> get(@PathParam("id") String id) {
        return zones.get(zoneId(id));
    }

    @PUT
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a zone", description = "Roles: the festival's owner, ADMIN. Partial: absent fields"
            + " keep their value; capacity/parentZoneId/openingTime/closingTime null clear them. currentOccupancy 0"
            + " also marks everybody outside (end-of-day reset).")
    @RequestBody(content = @Content(schema = @Schema(implementation = ZoneRequest.class)))
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = ZoneView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation; ERR_4004 bad id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ZoneView> put(@PathParam("id") String id, JsonNode body) {
        return zones.update(zoneId(id), body, false);
    }

    @PATCH
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a zone (partial)", description = "Roles: the festival's owner, ADMIN, or a SECURITY"
            + " member of the festival (open/close, resize, reset during the event). Same body as PUT.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ZoneRequest.class)))
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = ZoneView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation; ERR_4004 bad id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 neither owner, ADMIN nor SECURITY of the festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ZoneView> patch(@PathParam("id") String id, JsonNode body) {
        return zones.update(zoneId(id), body, true);
    }

    @DELETE
    @Authenticated
    @ResponseStatus(204)
    @Operation(summary = "Delete a zone", description = "Roles: the festival's owner, ADMIN. Soft delete (the access"
            + " log keeps it); its child zones become top-level.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "ERR_4004 bad id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not the owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Void> delete(@PathParam("id") String id) {
        return zones.delete(zoneId(id));
    }

    // ------------------------------------------------------------------ the gate

    @POST
    @Path("/scan")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scan a ticket at the zone's gate", description = SCAN_DESCRIPTION
            + " Alias: POST /api/zones/:id/access.")
    @APIResponse(responseCode = "200", description = "The gate decision (allowed or refused with a reason)",
            content = @Content(schema = @Schema(implementation = ScanResult.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 no ticket reference, bad direction, bad ticketId;"
            + " ERR_4004 bad zone id", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 / ERR_3002 not STAFF/SECURITY of the festival nor org",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ScanResult> scan(@PathParam("id") String id, ScanRequest body) {
        UUID zoneId = zoneId(id);
        return gate.scan(scanner(), zoneId, body);
    }

    @POST
    @Path("/access")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scan a ticket (alias of /scan)", description = "Roles: as POST /api/zones/:id/scan.")
    @APIResponse(responseCode = "200", description = "The gate decision",
            content = @Content(schema = @Schema(implementation = ScanResult.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 / ERR_4004",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 / ERR_3002",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ScanResult> access(@PathParam("id") String id, ScanRequest body) {
        return scan(id, body);
    }

    @POST
    @Path("/check")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a ticket at the gate (dry run)", description = "Roles: as scan. The same decision"
            + " and answer as POST /api/zones/:id/scan (dryRun: true), changing nothing and logging nothing.")
    @APIResponse(responseCode = "200", description = "The decision a scan would get now",
            content = @Content(schema = @Schema(implementation = ScanResult.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 / ERR_4004",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 / ERR_3002",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ScanResult> check(@PathParam("id") String id, ScanRequest body) {
        UUID zoneId = zoneId(id);
        return gate.check(scanner(), zoneId, body);
    }

    @POST
    @Path("/scans/batch")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload scans made offline", description = "Roles: as scan. Body {deviceId?, scans: [{"
            + "clientScanId (alias id), qrCode | ticketId | nfcTagId, direction, deviceId?, scannedAt?, allowed?}]}"
            + " (alias items), or the bare array; at most festival.zones.batch-max-scans (1000). Every item is"
            + " validated first (400 names scans[i].field); then they are applied one by one in the given order with"
            + " the rules of a live scan (hours are checked at scannedAt). Idempotent: a (deviceId, clientScanId)"
            + " seen before answers its first decision (duplicate: true) and changes nothing, so an interrupted upload"
            + " can be sent again whole. conflict: the server's decision differs from the scanner's offline one"
            + " (allowed), or — when the scanner did not say — the scan was refused.")
    @RequestBody(content = @Content(schema = @Schema(implementation = BatchScanRequest.class)))
    @APIResponse(responseCode = "200", description = "One result per scan, in order, and a summary",
            content = @Content(schema = @Schema(implementation = BatchScanResult.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 an invalid item (nothing applied); ERR_4004 bad id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 / ERR_3002",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<BatchScanResult> batch(@PathParam("id") String id, JsonNode body) {
        UUID zoneId = zoneId(id);
        return gate.batch(scanner(), zoneId, body);
    }

    // ------------------------------------------------------------------ occupancy

    @GET
    @Path("/occupancy")
    @PermitAll
    @Operation(summary = "The zone's occupancy", description = "Roles: public. Alias: GET /api/zones/:id/capacity.")
    @APIResponse(responseCode = "200", description = "Occupancy",
            content = @Content(schema = @Schema(implementation = OccupancyView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4004 bad id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<OccupancyView> occupancy(@PathParam("id") String id) {
        return zones.occupancy(zoneId(id));
    }

    @GET
    @Path("/capacity")
    @PermitAll
    @Operation(summary = "The zone's occupancy (alias of /occupancy)", description = "Roles: public.")
    @APIResponse(responseCode = "200", description = "Occupancy",
            content = @Content(schema = @Schema(implementation = OccupancyView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<OccupancyView> capacity(@PathParam("id") String id) {
        return occupancy(id);
    }

    @GET
    @Path("/access-logs")
    @Authenticated
    @Operation(summary = "The zone's access log", description = "Roles: crew of the festival (org, STAFF, SECURITY,"
            + " CASHIER), ADMIN. Every gate decision, admitted or refused, newest first (sort=timestamp:asc for"
            + " oldest first). Paginated (page/limit or offset/limit). Filters: startDate, endDate (ISO-8601, on the"
            + " scan time), action (ENTRY|EXIT, alias IN|OUT), allowed (true|false), ticketId, deviceId."
            + " Alias: GET /api/zones/:id/access-log.")
    @APIResponse(responseCode = "200", description = "A page of log rows",
            content = @Content(schema = @Schema(implementation = AccessLogPage.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad query parameter; ERR_4004 bad id",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 not crew of the festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<AccessLogView>> accessLogs(@PathParam("id") String id, @QueryParam("page") String page,
                                               @QueryParam("limit") String limit, @QueryParam("offset") String offset,
                                               @QueryParam("sort") String sort, @QueryParam("sortBy") String sortBy,
                                               @QueryParam("sortOrder") String sortOrder,
                                               @QueryParam("startDate") String startDate,
                                               @QueryParam("endDate") String endDate,
                                               @QueryParam("action") String action,
                                               @QueryParam("allowed") String allowed,
                                               @QueryParam("ticketId") String ticketId,
                                               @QueryParam("deviceId") String deviceId) {
        UUID zoneId = zoneId(id);
        PageRequest p = PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder, ZoneService.LOG_SORTABLE,
                "timestamp", false);
        return zones.accessLogs(zoneId, p, startDate, endDate, action, allowed, ticketId, deviceId);
    }

    @GET
    @Path("/access-log")
    @Authenticated
    @Operation(summary = "The zone's access log (alias of /access-logs)", description = "Roles: crew, ADMIN.")
    @APIResponse(responseCode = "200", description = "A page of log rows",
            content = @Content(schema = @Schema(implementation = AccessLogPage.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<AccessLogView>> accessLog(@PathParam("id") String id, @QueryParam("page") String page,
                                              @QueryParam("limit") String limit, @QueryParam("offset") String offset,
                                              @QueryParam("sort") String sort, @QueryParam("sortBy") String sortBy,
                                              @QueryParam("sortOrder") String sortOrder,
                                              @QueryParam("startDate") String startDate,
                                              @QueryParam("endDate") String endDate,
                                              @QueryParam("action") String action,
                                              @QueryParam("allowed") String allowed,
                                              @QueryParam("ticketId") String ticketId,
                                              @QueryParam("deviceId") String deviceId) {
        return accessLogs(id, page, limit, offset, sort, sortBy, sortOrder, startDate, endDate, action, allowed,
                ticketId, deviceId);
    }

    @GET
    @Path("/alerts")
    @Authenticated
    @Operation(summary = "The zone's capacity alerts", description = "Roles: crew of the festival, ADMIN. Newest first;"
            + " paginated (page/limit or offset/limit). An alert is raised once per upward crossing of 80 % (the"
            + " zone's capacityWarningThreshold), 95 % and 100 %; the zone_alert event carries the same object.")
    @APIResponse(responseCode = "200", description = "A page of alerts",
            content = @Content(schema = @Schema(implementation = ZoneAlertPage.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 not crew of the festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such zone",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<ZoneAlertView>> alerts(@PathParam("id") String id, @QueryParam("page") String page,
                                           @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        UUID zoneId = zoneId(id);
        return zones.zoneAlerts(zoneId, alertPage(page, limit, offset));
    }

    static PageRequest alertPage(String page, String limit, String offset) {
        return PageRequest.parse(page, limit, offset, null, null, null, java.util.Set.of(), "createdAt", false);
    }

    private GateService.Scanner scanner() {
        return new GateService.Scanner(currentUser.id(), currentUser.isAdmin());
    }

    /** Under /api/zones a path id that is not a UUID is a 400 ERR_4004 (API.md "Conventions"). */
    static UUID zoneId(String raw) {
        return PathIds.orBadRequest(raw, "id");
    }
}
