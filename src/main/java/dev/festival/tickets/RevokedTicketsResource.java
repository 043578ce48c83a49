package dev.festival.tickets;

import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.PageRequest;
import dev.festival.festivals.FestivalService;
import dev.festival.tickets.dto.RevokedList;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/festivals/:id/revoked-tickets?since=}: what offline scanners must refuse. */
@Path("/festivals/{id}/revoked-tickets")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
public class RevokedTicketsResource {
    @Inject
    TicketService tickets;

    @GET
    @Authenticated
    @Operation(summary = "Revoked tickets of a festival", description = "Roles: crew. Ticket revisions that no longer"
            + " admit (cancelled, refunded, transferred away) revoked after ?since= (ISO-8601; all when absent;"
            + " the answer overlaps the previous one by a few seconds, so pass serverTime back as since).")
    @APIResponse(responseCode = "200", description = "Revocations",
            content = @Content(schema = @Schema(implementation = RevokedList.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad since",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 not crew of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RevokedList> revoked(@PathParam("id") String id, @QueryParam("since") String since) {
        OffsetDateTime from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = OffsetDateTime.parse(since.trim());
            } catch (DateTimeParseException e) {
                throw PageRequest.badParameter("since", "must be an ISO-8601 date-time with offset");
            }
        }
        return tickets.revoked(FestivalService.festivalId(id), from);
    }
}
