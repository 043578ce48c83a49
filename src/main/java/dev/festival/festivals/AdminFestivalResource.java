package dev.festival.festivals;

import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.Page;
import dev.festival.common.security.Role;
import dev.festival.common.security.Roles;
import dev.festival.festivals.dto.FestivalPage;
import dev.festival.festivals.dto.FestivalView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admin app's festival list: every status, never cached. */
@Path("/admin/festivals")
@Tag(name = "Festivals")
@Produces(MediaType.APPLICATION_JSON)
public class AdminFestivalResource {
    @Inject
    FestivalService festivals;

    @GET
    @Authenticated
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "List festivals for administration", description = "Roles: ADMIN (all festivals), "
            + "ORGANIZER (the festivals they own or co-organise). Every status; same filters and paging as "
            + "GET /api/festivals.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FestivalPage.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad query parameter",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 role not allowed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Page<FestivalView>> list(@BeanParam FestivalListParams params) {
        return festivals.adminList(params.toQuery(false));
    }
}
