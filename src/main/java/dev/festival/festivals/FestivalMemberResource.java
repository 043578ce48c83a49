package dev.festival.festivals;

import dev.festival.common.web.PathIds;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.Role;
import dev.festival.festivals.dto.AddMemberRequest;
import dev.festival.festivals.dto.MemberPage;
import dev.festival.festivals.dto.MemberView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Festival members (API.md "Festivals"). Access is the festival's, decided by FestivalAccess. */
@Path("/festivals/{id}/members")
@Tag(name = "Festivals")
@Produces(MediaType.APPLICATION_JSON)
public class FestivalMemberResource {
    @Inject
    FestivalMemberService members;

    @GET
    @Authenticated
    @Operation(summary = "List a festival's members", description = "Roles: crew (ADMIN, owner, the festival's "
            + "ORGANIZER, STAFF, CASHIER and SECURITY members). Paginated, oldest first.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberPage.class)))
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 not a member of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<MemberView>> list(@PathParam("id") String id,
                                      @Parameter(description = "STAFF, CASHIER, SECURITY or ORGANIZER") @RestQuery String role,
                                      @RestQuery String page, @RestQuery String limit, @RestQuery String offset) {
        UUID festivalId = FestivalService.festivalId(id);
        Role r = null;
        if (role != null && !role.isBlank()) {
            r = Role.parse(role);
            if (r == null || !Set.of(Role.STAFF, Role.CASHIER, Role.SECURITY, Role.ORGANIZER).contains(r)) {
                throw PageRequest.badParameter("role", "must be one of STAFF, CASHIER, SECURITY, ORGANIZER");
            }
        }
        PageRequest p = PageRequest.parse(page, limit, offset, null, null, null, Set.of(), "createdAt", true);
        return members.list(festivalId, r, p);
    }

    @POST
    @Authenticated
    @Operation(summary = "Add a member or change their role", description = "Roles: org (ADMIN, owner, the "
            + "festival's ORGANIZER members). The user is given by userId or email. A new member answers 201; "
            + "someone who already is a member gets the new role and 200.")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "200", description = "Already a member: role changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival or user",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 the user is the festival's owner",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> add(@PathParam("id") String id, @Valid AddMemberRequest body) {
        // the body is validated before the festival access decision (API.md "Conventions")
        if (body == null || ((body.userId() == null || body.userId().isBlank())
                && (body.email() == null || body.email().isBlank()))) {
            throw ApiException.invalidField("userId", "userId or email is required");
        }
        UUID festivalId = FestivalService.festivalId(id);
        return members.add(festivalId, body).map(a -> Response.status(a.created() ? 201 : 200)
                .entity(a.member()).build());
    }

    @DELETE
    @Path("/{userId}")
    @Authenticated
    @Operation(summary = "Remove a member", description = "Roles: org (ADMIN, owner, the festival's ORGANIZER "
            + "members).")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival or member",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("userId") String userId) {
        UUID festivalId = FestivalService.festivalId(id);
        UUID member = PathIds.uuidOrNull(userId);
        if (member == null) {
            throw ApiException.notFound("Festival member");
        }
        return members.remove(festivalId, member).map(v -> Response.noContent().build());
    }
}
