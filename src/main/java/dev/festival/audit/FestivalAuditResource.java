package dev.festival.audit;

import dev.festival.audit.dto.AuditEntryView;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.web.PathIds;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/festivals/:id/audit-logs}: one festival's audit entries, for its organisers. */
@Path("/festivals/{id}/audit-logs")
@Tag(name = "Audit", description = "Security audit trail: sign-ins, revocations, roles, bans, 2FA, membership, keys")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class FestivalAuditResource {
    @Inject
    AuditService audit;

    @GET
    @Operation(summary = "Audit entries of one festival",
            description = "Roles: org (ADMIN, the festival's owner or an ORGANIZER member)." + AuditResource.FILTERS)
    @APIResponse(responseCode = "200", description = "{data, meta} envelope of audit entries")
    @APIResponse(responseCode = "400", description = "ERR_4003 bad page, limit, sort, date, uuid or outcome")
    @APIResponse(responseCode = "403", description = "ERR_3002/ERR_3003 not an organiser of this festival")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival")
    public Uni<Page<AuditEntryView>> listForFestival(@PathParam("id") String id, @QueryParam("page") String page,
                                                     @QueryParam("limit") String limit,
                                                     @QueryParam("offset") String offset,
                                                     @QueryParam("sort") String sort,
                                                     @QueryParam("sortBy") String sortBy,
                                                     @QueryParam("sortOrder") String sortOrder,
                                                     @QueryParam("action") String action,
                                                     @QueryParam("userId") String userId,
                                                     @QueryParam("actorId") String actorId,
                                                     @QueryParam("outcome") String outcome,
                                                     @QueryParam("from") String from, @QueryParam("to") String to) {
        UUID festivalId = PathIds.orNotFound(id, "Festival");
        PageRequest request = AuditResource.pageRequest(page, limit, offset, sort, sortBy, sortOrder);
        return audit.listForFestival(festivalId,
                AuditResource.filter(action, userId, actorId, null, outcome, from, to), request);
    }

}
