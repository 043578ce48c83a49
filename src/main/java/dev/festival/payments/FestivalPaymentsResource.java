package dev.festival.payments;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.payments.dto.PaymentView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The payments of one festival, for its organisers. */
@Path("/festivals/{festivalId}/payments")
@Tag(name = "Payments")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class FestivalPaymentsResource {
    @Inject
    PaymentService payments;

    @GET
    @Operation(summary = "Payments of a festival", description = "Roles: org (ADMIN, the festival's owner or an"
            + " ORGANIZER member). Paginated envelope {data, meta}: ?page=&limit= or ?offset=&limit=,"
            + " sort=createdAt:asc|desc (default desc), status= to filter (any case).")
    @APIResponse(responseCode = "200", description = "{data: [payment], meta}")
    @APIResponse(responseCode = "400", description = "ERR_4003 bad query parameter",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 / ERR_3002 not an organiser of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<PaymentView>> list(@PathParam("festivalId") String festivalId, @QueryParam("page") String page,
                                       @QueryParam("limit") String limit, @QueryParam("offset") String offset,
                                       @QueryParam("sort") String sort, @QueryParam("sortBy") String sortBy,
                                       @QueryParam("sortOrder") String sortOrder, @QueryParam("status") String status) {
        UUID id;
        try {
            id = UUID.fromString(festivalId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Festival");
        }
        PageRequest req = PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder, Set.of("createdAt"),
                "createdAt", false);
        String st = null;
        if (status != null && !status.isBlank()) {
            try {
                st = PaymentStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw PageRequest.badParameter("status", "must be a payment status");
            }
        }
        return payments.listByFestival(id, st, req.limit(), req.offset(), req.ascending())
                .map(slice -> Page.of(slice.rows().stream().map(PaymentService::view).toList(), slice.total(), req));
    }
}
